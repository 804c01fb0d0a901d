package io.gridwatch.common.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grid worker's patrol or visit (网格员走访巡查), possibly following up or resolving an earlier complaint.
 *
 * @param refEventId the complaint this patrol follows up or resolves; {@code null} for a routine visit
 * @param findings what the worker found; empty when nothing was noted
 * @param location where the worker was; {@code null} when not recorded
 * @param satisfaction the resident's rating of how the complaint was handled, asked on a {@code resolution} patrol or
 *     a {@code followup} call (回访) about the complaint {@code refEventId}; {@code null} when not asked or not given
 */
public record Patrol(
        String eventId,
        String gridId,
        String workerId,
        Instant occurredAt,
        PatrolKind kind,
        String refEventId,
        List<Finding> findings,
        GeoPoint location,
        Satisfaction satisfaction)
        implements GridEvent {

    public Patrol {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(gridId, "gridId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(kind, "kind");
        // A mutable ArrayList on purpose: Flink's Kryo fallback cannot re-create JDK immutable lists.
        findings = findings == null ? new ArrayList<>() : new ArrayList<>(findings);
        if (satisfaction != null && !answersAComplaint(kind, refEventId)) {
            throw new IllegalArgumentException(
                    "satisfaction is rated on a followup or resolution patrol that names its complaint (refEventId)");
        }
    }

    /**
     * Whether a patrol of {@code kind} naming {@code refEventId} answers a complaint: a follow-up or resolution that
     * names it. It closes the complaint's deadline, and only it may carry the resident's rating.
     */
    public static boolean answersAComplaint(PatrolKind kind, String refEventId) {
        return refEventId != null && (kind == PatrolKind.FOLLOWUP || kind == PatrolKind.RESOLUTION);
    }

    /** A patrol without a rating. */
    public Patrol(String eventId, String gridId, String workerId, Instant occurredAt, PatrolKind kind,
            String refEventId, List<Finding> findings, GeoPoint location) {
        this(eventId, gridId, workerId, occurredAt, kind, refEventId, findings, location, null);
    }

    @Override
    public EventType type() {
        return EventType.PATROL;
    }
}
