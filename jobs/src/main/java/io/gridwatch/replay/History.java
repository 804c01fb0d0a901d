package io.gridwatch.replay;

import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import java.time.Instant;
import java.util.List;

/**
 * A finished history read from a file: its valid events in event-time order, the grids they belong to, and the rows
 * that could not be read.
 *
 * @param generatedRegistry whether the grids were generated from the data's extent (and should be saved)
 */
public record History(List<GridEvent> events, GridRegistry registry, boolean generatedRegistry, List<RowError> errors) {

    public History {
        events = List.copyOf(events);
        errors = List.copyOf(errors);
    }

    /** When the history begins: its first event, in event time. */
    public Instant start() {
        return events.isEmpty() ? Instant.EPOCH : events.get(0).knownAt();
    }

    /** The time of the last event: what detectors could know by the end of the history. */
    public Instant horizon() {
        return events.isEmpty() ? Instant.EPOCH : events.get(events.size() - 1).knownAt();
    }

    /** {@code events} sorted in event time, in place; stable, so ties keep the file's order. */
    static List<GridEvent> inEventTimeOrder(List<GridEvent> events) {
        events.sort(java.util.Comparator.comparing(GridEvent::knownAt));
        return events;
    }
}
