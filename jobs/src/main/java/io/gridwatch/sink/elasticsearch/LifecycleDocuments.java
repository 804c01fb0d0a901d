package io.gridwatch.sink.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.alert.LifecycleEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a change of status on the lifecycle topic (the source of truth) writes to Elasticsearch: the alert's lifecycle
 * fields in {@code gridwatch-alerts}, and its entry in {@code gridwatch-alert-history} under
 * {@code <alertId>:<status>}. Both are idempotent, so the command that published the change and the job that reads it
 * may both write them, and a replay of the topic rewrites the same documents.
 *
 * <p>The alert is updated as an upsert whose insert is the same fields: the job's own writes of the alert leave these
 * fields alone ({@link AlertDocuments}), so the two commute — whichever comes first, the alert ends with its fields
 * and its status.
 */
public final class LifecycleDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LifecycleDocuments() {}

    /** Both documents of {@code change}, the alert's first. */
    public static List<Document> of(LifecycleEvent change) {
        return List.of(onAlert(change), inHistory(change));
    }

    /** Writes the alert's lifecycle fields. */
    public static DocumentMapper<LifecycleEvent> alerts() {
        return LifecycleDocuments::onAlert;
    }

    /** Writes the history entry. */
    public static DocumentMapper<LifecycleEvent> history() {
        return LifecycleDocuments::inHistory;
    }

    static Document onAlert(LifecycleEvent change) {
        ObjectNode fields = JSON.createObjectNode().put("status", change.status());
        if (change.status().equals("acknowledged")) {
            fields.put("acknowledgedBy", change.by()).put("acknowledgedAt", change.at().toString());
        } else {
            fields.put("resolvedAt", change.at().toString()); // who resolved it is in the history
        }
        if (change.note() != null) {
            fields.put("note", change.note());
        }
        byte[] json = fields.toString().getBytes(StandardCharsets.UTF_8);
        return new Document(Indices.ALERTS, change.alertId(), json, json);
    }

    static Document inHistory(LifecycleEvent change) {
        ObjectNode entry = JSON.createObjectNode()
                .put("alertId", change.alertId())
                .put("to", change.status())
                .put("by", change.by())
                .put("at", change.at().toString());
        if (change.from() != null) {
            entry.put("from", change.from());
        }
        if (change.note() != null) {
            entry.put("note", change.note());
        }
        return new Document(Indices.HISTORY, change.alertId() + ":" + change.status(),
                entry.toString().getBytes(StandardCharsets.UTF_8));
    }
}
