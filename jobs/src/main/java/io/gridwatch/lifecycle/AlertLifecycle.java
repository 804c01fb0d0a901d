package io.gridwatch.lifecycle;

import io.gridwatch.sink.elasticsearch.IndexTemplates;
import io.gridwatch.sink.kafka.ControlRecordPublisher;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.rest.RestStatus;

/**
 * The life of an alert as staff handle it (处置): {@code open} → {@code acknowledged} → {@code resolved} or
 * {@code false_alarm}; an open alert may also be resolved at once. Each transition updates the alert document
 * (guarded against a concurrent change), is kept in {@code gridwatch-alert-history}, and is then announced to the
 * job (the lifecycle topic), which stops escalating the alert.
 */
public final class AlertLifecycle {

    /** The index of transitions, one document per alert and status reached. */
    public static final String HISTORY_INDEX = "gridwatch-alert-history";

    /** The statuses an alert can have. */
    public enum Status {
        OPEN, ACKNOWLEDGED, RESOLVED, FALSE_ALARM;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean isFinal() {
            return this == RESOLVED || this == FALSE_ALARM;
        }
    }

    /** The alert does not exist. */
    public static final class NoSuchAlertException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoSuchAlertException(String alertId) {
            super("no alert " + alertId);
        }
    }

    /** The alert's status does not allow the transition (it is closed, or already there). */
    public static final class TransitionRefusedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TransitionRefusedException(String message) {
            super(message);
        }
    }

    /** Where transitions are announced to the running job, which stops escalating the alert. */
    @FunctionalInterface
    public interface Announcer {
        void announce(LifecycleEvent event) throws IOException;
    }

    private final RestHighLevelClient client;
    private final Announcer announcer;

    public AlertLifecycle(RestHighLevelClient client, Announcer announcer) {
        this.client = client;
        this.announcer = announcer;
    }

    /** Announces transitions on the lifecycle topic, keyed by alert id. */
    public static Announcer onKafka(ControlRecordPublisher publisher) {
        return event -> publisher.publish(event.alertId(), event);
    }

    public void acknowledge(String alertId, String by, String note, Instant at) throws IOException {
        transition(alertId, Status.ACKNOWLEDGED, by, note, at);
    }

    public void resolve(String alertId, String by, String note, boolean falseAlarm, Instant at) throws IOException {
        transition(alertId, falseAlarm ? Status.FALSE_ALARM : Status.RESOLVED, by, note, at);
    }

    private void transition(String alertId, Status to, String by, String note, Instant at) throws IOException {
        // Checked before anything is written: a change refused half-way would leave the alert and its history apart.
        LifecycleEvent event = new LifecycleEvent(alertId, to.wireName(), by, at, note);
        GetResponse alert;
        try {
            alert = client.get(new GetRequest(IndexTemplates.ALERTS_INDEX, alertId), RequestOptions.DEFAULT);
        } catch (ElasticsearchStatusException e) {
            if (e.status() == RestStatus.NOT_FOUND) {
                throw new NoSuchAlertException(alertId);
            }
            throw e;
        }
        if (!alert.isExists()) {
            throw new NoSuchAlertException(alertId);
        }
        Object current = alert.getSourceAsMap().getOrDefault("status", "open");
        Status from = Status.valueOf(current.toString().toUpperCase(java.util.Locale.ROOT));
        if (from.isFinal() || from == to) {
            throw new TransitionRefusedException("alert " + alertId + " is already " + from.wireName());
        }
        Map<String, Object> change = new HashMap<>();
        change.put("status", to.wireName());
        if (to == Status.ACKNOWLEDGED) {
            change.put("acknowledgedBy", by);
            change.put("acknowledgedAt", at.toString());
        } else {
            change.put("resolvedAt", at.toString());
        }
        if (note != null) {
            change.put("note", note);
        }
        // Guarded: if someone changed the alert since it was read, this fails instead of overwriting them.
        client.update(new UpdateRequest(IndexTemplates.ALERTS_INDEX, alertId)
                        .doc(change)
                        .setIfSeqNo(alert.getSeqNo())
                        .setIfPrimaryTerm(alert.getPrimaryTerm())
                        .setRefreshPolicy(WriteRequest.RefreshPolicy.WAIT_UNTIL),
                RequestOptions.DEFAULT);
        Map<String, Object> entry = new HashMap<>();
        entry.put("alertId", alertId);
        entry.put("from", from.wireName());
        entry.put("to", to.wireName());
        entry.put("by", by);
        entry.put("at", at.toString());
        if (note != null) {
            entry.put("note", note);
        }
        client.index(new IndexRequest(HISTORY_INDEX).id(alertId + ":" + to.wireName()).source(entry)
                        .setRefreshPolicy(WriteRequest.RefreshPolicy.WAIT_UNTIL),
                RequestOptions.DEFAULT);
        try {
            announcer.announce(event);
        } catch (IOException e) {
            throw new IOException("alert " + alertId + " is " + to.wireName()
                    + " in Elasticsearch, but escalation may go on: " + e.getMessage(), e);
        }
    }
}
