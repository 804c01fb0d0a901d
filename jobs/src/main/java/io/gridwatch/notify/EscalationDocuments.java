package io.gridwatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.notify.Escalation;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.DocumentMapper;
import io.gridwatch.sink.elasticsearch.Indices;
import java.nio.charset.StandardCharsets;

/**
 * An escalation in {@code gridwatch-alert-history}, beside the transitions staff make: the alert stays {@code open}
 * and {@code escalatedTo} names the tier it went to, by {@code gridwatch}. Id {@code <alertId>:escalated:<tier>}.
 */
public final class EscalationDocuments implements DocumentMapper<Escalation> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who escalates: the job, not a person. */
    public static final String BY = "gridwatch";

    @Override
    public Document toDocument(Escalation escalation) {
        String json = JSON.createObjectNode()
                .put("alertId", escalation.alertId())
                .put("from", "open")
                .put("to", "open")
                .put("escalatedTo", escalation.to().wireName())
                .put("by", BY)
                .put("at", escalation.at().toString())
                .put("note", escalation.waited().toMinutes() + "分钟内无人签收，升级至" + escalation.to().label())
                .toString();
        return new Document(Indices.HISTORY,
                escalation.alertId() + ":escalated:" + escalation.to().wireName(), json.getBytes(StandardCharsets.UTF_8));
    }
}
