package io.gridwatch.common.codec;

import static io.gridwatch.common.codec.RejectReason.ANCIENT_TIMESTAMP;
import static io.gridwatch.common.codec.RejectReason.FUTURE_TIMESTAMP;
import static io.gridwatch.common.codec.RejectReason.INVALID_FIELD;
import static io.gridwatch.common.codec.RejectReason.TOO_LARGE;
import static io.gridwatch.common.codec.RejectReason.UNKNOWN_GRID;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Decodes a raw record and checks it against its context: record size, the grid registry, and the clock.
 * Serializable so that a Flink function can hold one.
 */
public final class EventValidator implements Serializable {

    private static final long serialVersionUID = 1L;

    private final GridRegistry registry;
    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final int maxRecordBytes;

    /**
     * @param maxFutureSkew how far {@code occurredAt} may lie ahead of the clock (device clocks drift a little; a
     *     date next year is a bug in the producer and would hold the watermark hostage)
     * @param maxAge how far {@code occurredAt} may lie behind the clock (a date decades ago is a broken default in
     *     the producer, not a late report)
     * @param maxRecordBytes larger records are rejected before parsing
     */
    public EventValidator(GridRegistry registry, Duration maxFutureSkew, Duration maxAge, int maxRecordBytes) {
        this.registry = registry;
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The valid event; throws with the rejection otherwise. {@code now} is the wall clock at ingestion. */
    public GridEvent validate(byte[] bytes, Instant now) throws InvalidEventException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(RejectReason.MALFORMED_JSON, "the record is empty");
        }
        if (bytes.length > maxRecordBytes) {
            throw new InvalidEventException(
                    TOO_LARGE, "the record has " + bytes.length + " bytes, the limit is " + maxRecordBytes);
        }
        GridEvent event = EventCodec.decode(bytes);
        if (!registry.contains(event.gridId())) {
            throw new InvalidEventException(
                    UNKNOWN_GRID,
                    "gridId '" + JsonFields.abbreviate(event.gridId()) + "' is not in the grid registry");
        }
        if (event.occurredAt().isAfter(now.plus(maxFutureSkew))) {
            throw new InvalidEventException(
                    FUTURE_TIMESTAMP,
                    "occurredAt " + event.occurredAt() + " is more than " + maxFutureSkew + " after ingestion at "
                            + now);
        }
        if (event.knownAt().isAfter(now.plus(maxFutureSkew))) {
            // Event time is when an event became known: a report dated ahead would hold deadlines off until then.
            throw new InvalidEventException(
                    FUTURE_TIMESTAMP,
                    "reportedAt " + event.knownAt() + " is more than " + maxFutureSkew + " after ingestion at " + now);
        }
        if (event.occurredAt().isBefore(now.minus(maxAge))) {
            throw new InvalidEventException(
                    ANCIENT_TIMESTAMP, "occurredAt " + event.occurredAt() + " is more than " + maxAge + " before ingestion at "
                            + now);
        }
        if (event instanceof Complaint c && c.reportedAt().isBefore(c.occurredAt())) {
            throw new InvalidEventException(
                    INVALID_FIELD, "reportedAt " + c.reportedAt() + " is before occurredAt " + c.occurredAt());
        }
        return event;
    }
}
