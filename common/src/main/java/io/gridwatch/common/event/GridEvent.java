package io.gridwatch.common.event;

import java.io.Serializable;
import java.time.Instant;

/**
 * One record of either input stream: a resident's complaint (群众诉求) or a grid worker's patrol (网格员走访巡查).
 *
 * <p>Every event belongs to exactly one grid (网格) and carries the event time {@link #occurredAt()} on which all
 * detection windows are measured. The JSON wire format is documented in {@code docs/events.md}.
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

    Instant occurredAt();

    EventType type();
}
