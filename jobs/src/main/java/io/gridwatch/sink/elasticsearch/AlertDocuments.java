package io.gridwatch.sink.elasticsearch;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;

/** An alert is indexed into {@code gridwatch-alerts} under its alertId. */
public final class AlertDocuments implements DocumentMapper<Alert> {

    private static final long serialVersionUID = 1L;

    @Override
    public Document toDocument(Alert alert) {
        return new Document(IndexTemplates.ALERTS_INDEX, alert.alertId(), AlertCodec.encode(alert));
    }
}
