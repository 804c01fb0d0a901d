package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.io.Serializable;

/**
 * What the Kafka source emits for one record: either a valid event or a dead letter, never both.
 *
 * @param event the valid event, or {@code null}
 * @param deadLetter the rejected record with its reason, or {@code null}
 */
public record Ingested(GridEvent event, DeadLetter deadLetter) implements Serializable {

    public static Ingested valid(GridEvent event) {
        return new Ingested(event, null);
    }

    public static Ingested rejected(DeadLetter deadLetter) {
        return new Ingested(null, deadLetter);
    }

    /**
     * The event time of a valid event: when it became known ({@code knownAt}). A dead letter has none:
     * {@link Long#MIN_VALUE} never advances the watermark,
     * so a bad record stamped "now" in the middle of a replay cannot make the history behind it late.
     */
    public long eventTimeMillis() {
        return event != null ? event.knownAt().toEpochMilli() : Long.MIN_VALUE;
    }
}
