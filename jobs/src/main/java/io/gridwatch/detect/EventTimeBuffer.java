package io.gridwatch.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Elements of one key held until the watermark passes them, then handed over in event-time order, as Flink CEP does
 * with its input.
 *
 * <p>Why: the order in which a detector's input arrives depends on how its sources' partitions happen to be read —
 * a backlog read after a restore interleaves them differently from the live run. A detector that acts on each
 * element as it arrives would then reach other results; one that takes them from this buffer at its event-time
 * timers reaches the same ones, interleaved correctly with its own deadlines (timers fire in timestamp order).
 * Elements of one instant are ordered by {@code withinInstant}, so not even a tie depends on arrival.
 *
 * <p>State: a map from event time to the elements of that instant, each entry removed when its timer fires. The
 * owner shares the timer service with the buffer: it deletes its own timers with {@link #deleteTimerUnlessHeld}.
 */
public final class EventTimeBuffer<T> {

    private final MapState<Long, List<T>> waiting;
    private final Comparator<? super T> withinInstant;

    public EventTimeBuffer(MapState<Long, List<T>> waiting, Comparator<? super T> withinInstant) {
        this.waiting = waiting;
        this.withinInstant = withinInstant;
    }

    /** Holds {@code element} until the watermark reaches {@code at}, with a timer for that instant. */
    public void hold(long at, T element, TimerService timers) throws Exception {
        List<T> held = waiting.get(at);
        List<T> updated = held == null ? new ArrayList<>() : new ArrayList<>(held);
        updated.add(element);
        waiting.put(at, updated);
        timers.registerEventTimeTimer(at);
    }

    /**
     * Deletes the owner's timer at {@code at} unless elements are held for that instant: one timer serves both, and
     * deleting it would strand them (never released, their state never cleared).
     */
    public void deleteTimerUnlessHeld(long at, TimerService timers) throws Exception {
        if (!waiting.contains(at)) {
            timers.deleteEventTimeTimer(at);
        }
    }

    /** The elements held for the timer at {@code timestamp}, in order, and no longer held; empty for other timers. */
    public List<T> release(long timestamp) throws Exception {
        List<T> held = waiting.get(timestamp);
        if (held == null) {
            return List.of();
        }
        waiting.remove(timestamp);
        List<T> ordered = new ArrayList<>(held);
        ordered.sort(withinInstant);
        return ordered;
    }
}
