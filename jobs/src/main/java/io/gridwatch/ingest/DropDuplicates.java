package io.gridwatch.ingest;

import static io.gridwatch.ingest.DeadLetter.REJECTED;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.privacy.Masking;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Takes each event id once: a producer's retry, or a record sent twice, must not count twice in a repeated-dispute
 * or hotspot count, nor be indexed as a second event.
 *
 * <p>Input: valid events as they arrived, keyed by grid (so a grid's events keep their order on one channel, as the
 * detectors need). Output: the first arrival of each id, late or not. A later event with an id already taken in the same grid goes to {@code REJECTED} as a dead letter with
 * reason {@code duplicate} — its value the event's canonical JSON with its personal data masked (a duplicate is never
 * reprocessed, so the dead-letter topic need not hold it in clear), its origin the grid — and is counted in
 * {@code gridwatch.rejected.duplicate}. State: the grid's event ids seen, each expiring {@code window} of processing
 * time after it was seen (state TTL), swept out by a processing-time timer per grid and hour, so a grid keeps about
 * one window of ids and a grid gone quiet keeps none. (A grid restored from a savepoint of a version without the sweep
 * is swept after its next event.) The same id in another grid is not recognised: ids are unique per intake system,
 * and systems are per grid or larger.
 */
public final class DropDuplicates extends KeyedProcessFunction<String, Arrival, Arrival> {

    private static final long serialVersionUID = 1L;

    /**
     * Deduplication: the event ids seen in the grid, each kept for {@code window} of processing time (state TTL;
     * the only state without an event-time timer, since ids must be remembered however event time moves).
     */
    private static MapStateDescriptor<String, Boolean> seenEventIds(Duration window) {
        MapStateDescriptor<String, Boolean> seen = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
        seen.enableTimeToLive(StateTtlConfig.newBuilder(window)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                // Not the heap's incremental clean-up: at every state access it copies whole grids' maps of ids, which
                // cost more than all the detectors together (BENCHMARKS.md). The grid's sweep timer removes them.
                .disableCleanupInBackground()
                .build());
        return seen;
    }

    /** How often at most a grid's ids are swept. */
    private static final long SWEEP_EVERY = Duration.ofHours(1).toMillis();

    private final Duration window;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public DropDuplicates(Duration window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getMapState(seenEventIds(window));
        duplicates = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("rejected")
                .counter(RejectReason.DUPLICATE.code());
    }

    @Override
    public void processElement(Arrival arrival, Context ctx, Collector<Arrival> out) throws Exception {
        GridEvent event = arrival.event();
        if (seen.contains(event.eventId())) {
            duplicates.inc();
            ctx.output(REJECTED, new DeadLetter(
                    new RawRecord("grid " + event.gridId(), -1, -1, event.gridId().getBytes(StandardCharsets.UTF_8),
                            EventCodec.encode(Masking.event(event))),
                    new Rejection(RejectReason.DUPLICATE, "event " + event.eventId() + " was already taken")));
            return;
        }
        seen.put(event.eventId(), true);
        // One timer per grid and hour: registering the same time again is free.
        long now = ctx.timerService().currentProcessingTime();
        long sweepAt = (now + window.toMillis()) / SWEEP_EVERY * SWEEP_EVERY + SWEEP_EVERY;
        ctx.timerService().registerProcessingTimeTimer(sweepAt);
        out.collect(arrival);
    }

    /** Sweeps the grid's expired ids out: iterating a map with a time-to-live removes what has expired. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Arrival> out) throws Exception {
        Iterator<String> unexpired = seen.keys().iterator();
        while (unexpired.hasNext()) {
            unexpired.next();
        }
        if (seen.isEmpty()) {
            seen.clear(); // the grid's entry itself, not only its ids
        }
    }
}
