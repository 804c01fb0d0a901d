package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.io.Serializable;

/**
 * A valid event as it arrived, with whether it was already behind the watermark when it came (reported or synced
 * late, {@link RouteEvents}): decided right after the watermark generator, where it is deterministic, and recorded in
 * the events index.
 */
public record Arrival(GridEvent event, boolean late) implements Serializable {}
