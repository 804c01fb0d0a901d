package io.gridwatch.lifecycle;

import java.util.Map;
import io.gridwatch.common.access.Action;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.query.AlertEvidence;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.elasticsearch.LifecycleDocuments;
import io.gridwatch.sink.kafka.ControlRecordPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.get.GetResponse;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.rest.RestStatus;

/**
 * The life of an alert as staff handle it (处置): {@code open} → {@code acknowledged} (签收) → {@code resolved} (办结)
 * or {@code false_alarm} (误报); an open alert may also be closed at once.
 *
 * <p>One transaction, with the lifecycle topic as its source of truth: the change is checked against the alert in
 * Elasticsearch (it exists, the actor may touch it, its status allows the change), then published; only then are
 * the alert's status and its history entry written, idempotently ({@link LifecycleDocuments}). The job writes the same
 * documents from the topic, so a write that fails here is made good there; a publish that fails changes nothing.
 * Changes are stamped with this process's clock, never a caller's time. Transitions of one process are serialised;
 * two processes acting on one alert at once may both publish, and the job stops escalating at the first.
 */
public final class AlertLifecycle {

    /** The statuses an alert can have. */
    public enum Status {
        OPEN, ACKNOWLEDGED, RESOLVED, FALSE_ALARM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isFinal() {
            return this == RESOLVED || this == FALSE_ALARM;
        }

        static Status of(Object wireName) {
            return wireName == null ? OPEN : valueOf(wireName.toString().toUpperCase(Locale.ROOT));
        }

        static Status reachedBy(Action action) {
            return switch (action) {
                case ACK -> ACKNOWLEDGED;
                case RESOLVE -> RESOLVED;
                case FALSE_ALARM -> FALSE_ALARM;
            };
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

    /** The actor may not take this action on this alert. */
    public static final class ForbiddenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ForbiddenException(String message) {
            super(message);
        }
    }

    /** Whether an actor may take an action on a stored alert. */
    @FunctionalInterface
    public interface Permit {
        /** Any action on any alert: the command line, whose user holds the cluster's credentials. */
        Permit ANYONE = (action, alert) -> true;

        boolean allows(Action action, StoredAlert alert);
    }

    /** Where transitions are published; the job stops escalating and writes the documents from there. */
    @FunctionalInterface
    public interface Announcer {
        void announce(LifecycleEvent event) throws IOException;
    }

    /**
     * A change made: the status reached, and {@code pending} when it is published but Elasticsearch did not take its
     * documents (the job will write them).
     */
    public record Outcome(Status status, String pending) {}

    private final RestHighLevelClient client;
    private final Announcer announcer;
    private final Clock clock;

    public AlertLifecycle(RestHighLevelClient client, Announcer announcer, Clock clock) {
        this.client = client;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Announces transitions on the lifecycle topic, keyed by alert id. */
    public static Announcer onKafka(ControlRecordPublisher publisher) {
        return event -> publisher.publish(event.alertId(), event);
    }

    /** The alert as indexed, if there is one. */
    public Optional<StoredAlert> find(String alertId) throws IOException {
        GetResponse found;
        try {
            found = client.get(new GetRequest(Indices.ALERTS, alertId), RequestOptions.DEFAULT);
        } catch (ElasticsearchStatusException e) {
            if (e.status() == RestStatus.NOT_FOUND) {
                return Optional.empty(); // no alerts index yet
            }
            throw e;
        }
        if (!found.isExists()) {
            return Optional.empty();
        }
        Map<String, Object> lifecycle = found.getSourceAsMap();
        return Optional.of(new StoredAlert(
                AlertCodec.decode(found.getSourceAsString().getBytes(StandardCharsets.UTF_8)),
                Status.of(lifecycle.get("status")), (String) lifecycle.get("acknowledgedBy"), (String) lifecycle.get("note")));
    }

    /** The alert's evidence as indexed, masked, in time order ({@link AlertEvidence}). */
    public List<AlertEvidence.Item> evidence(Alert alert) throws IOException {
        return AlertEvidence.of(client, alert);
    }

    /** Takes {@code action} on the alert as {@code by}, if {@code permit} allows it; returns the status reached. */
    public synchronized Outcome act(String alertId, Action action, String by, String note, Permit permit)
            throws IOException {
        Status to = Status.reachedBy(action);
        // Checked before anything is read or written: too long a name or note is refused whole.
        LifecycleEvent change = new LifecycleEvent(alertId, to.wireName(), by, clock.instant(), note);
        StoredAlert alert = find(alertId).orElseThrow(() -> new NoSuchAlertException(alertId));
        if (!permit.allows(action, alert)) {
            throw new ForbiddenException(by + " may not " + action.wireName() + " alerts of " + alert.alert().street()
                    + "/" + alert.alert().community() + "/" + alert.alert().gridId());
        }
        if (alert.status().isFinal() || alert.status() == to) {
            throw new TransitionRefusedException("alert " + alertId + " is already " + alert.status().wireName());
        }
        change = change.leaving(alert.status().wireName());
        announcer.announce(change); // the source of truth: if this fails, nothing has changed
        return new Outcome(to, write(change));
    }

    /** Writes the change's documents now, for whoever looks next; null when written, else why not. */
    private String write(LifecycleEvent change) {
        try {
            BulkResponse written = client.bulk(Document.bulkOf(LifecycleDocuments.of(change))
                    .setRefreshPolicy(WriteRequest.RefreshPolicy.WAIT_UNTIL), RequestOptions.DEFAULT);
            return written.hasFailures() ? written.buildFailureMessage() : null;
        } catch (IOException | ElasticsearchException e) {
            return e.getMessage();
        }
    }

    /** An alert as staff see it: its fields, its status, who signed for it and the last note. */
    public record StoredAlert(Alert alert, Status status, String acknowledgedBy, String note) {}
}
