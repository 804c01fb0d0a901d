package io.gridwatch.sink.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An alert in {@code gridwatch-alerts} under its alertId. The job owns the alert's fields and updates them when
 * suppression merges more evidence in; the lifecycle fields ({@code status}, {@code acknowledgedBy},
 * {@code acknowledgedAt}, {@code resolvedAt}) belong to the people handling it: {@code status} is set to
 * {@code open} when the document is created and never touched by the job again.
 */
public final class AlertDocuments implements DocumentMapper<Alert> {

    private static final long serialVersionUID = 1L;

    /** The lifecycle status of a new alert. */
    public static final String OPEN = "open";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Document toDocument(Alert alert) {
        byte[] fields = AlertCodec.encode(alert);
        ObjectNode created;
        try {
            created = (ObjectNode) JSON.readTree(fields);
        } catch (IOException e) {
            throw new UncheckedIOException("an encoded alert is JSON", e);
        }
        created.put("status", OPEN);
        return new Document(
                Indices.ALERTS, alert.alertId(), fields, created.toString().getBytes(StandardCharsets.UTF_8));
    }
}
