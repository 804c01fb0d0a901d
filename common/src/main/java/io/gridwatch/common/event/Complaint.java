package io.gridwatch.common.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A complaint or dispute raised by residents (群众诉求 / 矛盾纠纷) through the 12345 hotline, an app, in person, or
 * found on patrol.
 *
 * @param subject what identifies "the same dispute" across complaints
 * @param location where it happened; {@code null} when the channel did not record it
 * @param complainant personal data of the resident; {@code null} when anonymous. Never leaves the job unmasked.
 */
public record Complaint(
        String eventId,
        String gridId,
        Instant occurredAt,
        Instant reportedAt,
        Channel channel,
        Category category,
        int severity,
        Subject subject,
        String text,
        GeoPoint location,
        Complainant complainant)
        implements GridEvent {

    public static final int MIN_SEVERITY = 1;
    public static final int MAX_SEVERITY = 4;

    public Complaint {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(gridId, "gridId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (severity < MIN_SEVERITY || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be 1-4, was " + severity);
        }
    }

    /** The intake's acceptance: the start of the response SLA (12345 受理时间). */
    @Override
    public Instant knownAt() {
        return reportedAt;
    }

    @Override
    public EventType type() {
        return EventType.COMPLAINT;
    }
}
