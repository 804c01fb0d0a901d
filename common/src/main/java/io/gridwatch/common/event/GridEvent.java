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

    String gridId();

    Instant occurredAt();

    EventType type();
}
