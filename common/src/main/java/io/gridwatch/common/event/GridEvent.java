package io.gridwatch.common.event;

import java.io.Serializable;
import java.time.Instant;

/**
 * One record of either input stream: a resident's complaint (群众诉求) or a grid worker's patrol (网格员走访巡查).
 *
 * <p>Every event belongs to exactly one grid (网格) and carries two times: when it happened ({@link #occurredAt()})
 * and when it became known ({@link #knownAt()}), the event time of detection. The JSON wire format is documented in {@code docs/events.md}.
 */
public sealed interface GridEvent extends Serializable permits Complaint, Patrol {

    String eventId();

    /**
     * The event's id within its grid: ids are unique per grid only (intake systems of different grids may reuse
     * one), so everything that identifies an event — deduplication, the events index, a follow-up's reference to
     * its complaint — scopes it by grid.
     */
    default String scopedId() {
        return gridId() + "|" + eventId();
    }

    String gridId();

    /** When it happened: a dispute, a visit. What alerts tell staff, and what a visit or an answer is dated by. */
    Instant occurredAt();

    /**
     * When the government knew of it (the intake's acceptance, {@code reportedAt}, for a complaint; the visit itself
     * for a patrol, whose app does not say when it synced): the event time on which GridWatch measures SLAs, counts
     * complaints and orders its input. A complaint reported a day after the quarrel is today's complaint.
     */
    default Instant knownAt() {
        return occurredAt();
    }

    EventType type();
}
