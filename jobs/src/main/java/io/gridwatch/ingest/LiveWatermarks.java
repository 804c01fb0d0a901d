package io.gridwatch.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Bounded out-of-orderness watermarks that keep moving with the wall clock while a source split is idle.
 *
 * <p>Absence detectors (overdue responses, patrol gaps) fire when the watermark passes a deadline. If the watermark
 * only followed events, a quiet night would hold every deadline back until the morning's first complaint. So once a
 * split has emitted nothing for {@code idleTimeout}, its watermark advances to {@code now - maxOutOfOrderness}: an
 * event that then arrives is late only if it is older than a live event could be. Idleness is measured on Flink's
 * input-activity clock, which stands still while the source is backpressured, so a split that is merely slow is
 * never mistaken for an idle one.
 *
 * <p>A source reader has one generator per split and one more for its reader-level output, which a Kafka source
 * never writes to: that generator sees no event, and Flink takes the higher of its watermark and the splits' combined
 * one. Were it to follow the wall clock after its idle timeout, it would overrule every busy split, and a backlog
 * read for longer than the timeout (a restart after an outage, consumer lag) would turn late and be dropped from
 * detection. So a generator that has seen no event follows the wall clock only when every generator of its reader
 * that has seen events is idle too — the reader as a whole is quiet ({@link #supplier}).
 *
 * <p>An event dated ahead of the wall clock (a device whose clock is fast; ingestion accepts up to
 * {@code events.max-future-skew}) moves the watermark only as far as the wall clock: otherwise one device nine minutes
 * fast would push its partition's watermark past every honest event of the next minutes, and they would all be late.
 * The event keeps its own time for detection; the clamps are counted in {@code gridwatch.future-clamped}.
 */
final class LiveWatermarks<T> implements WatermarkGenerator<T> {

    private final long maxOutOfOrdernessMillis;
    private final long idleTimeoutMillis;
    private final RelativeClock activityClock;
    private final Clock wallClock;
    private final List<LiveWatermarks<?>> readerGenerators;
    private final Counter futureClamped;
    private long maxTimestamp;
    private long lastActivity;
    private boolean seenEvents;
    private long emitted = Long.MIN_VALUE;

    LiveWatermarks(Duration maxOutOfOrderness, Duration idleTimeout, RelativeClock activityClock, Clock wallClock,
            List<LiveWatermarks<?>> readerGenerators, Counter futureClamped) {
        this.maxOutOfOrdernessMillis = maxOutOfOrderness.toMillis();
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.activityClock = activityClock;
        this.wallClock = wallClock;
        this.readerGenerators = readerGenerators;
        this.futureClamped = futureClamped;
        this.maxTimestamp = Long.MIN_VALUE + maxOutOfOrdernessMillis + 1;
        this.lastActivity = activityClock.relativeTimeMillis();
        readerGenerators.add(this);
    }

    /**
     * Creates the generators of one source reader (one subtask): Flink deserialises the strategy, and so this supplier,
     * once per subtask, and asks it for the reader-level generator and one per split, which then know of each other.
     */
    static <T> WatermarkGeneratorSupplier<T> supplier(Duration maxOutOfOrderness, Duration idleTimeout, Clock wallClock) {
        return new WatermarkGeneratorSupplier<>() {
            private static final long serialVersionUID = 1L;
            private transient List<LiveWatermarks<?>> readerGenerators;
            private transient Counter futureClamped;

            @Override
            public WatermarkGenerator<T> createWatermarkGenerator(Context context) {
                if (readerGenerators == null) {
                    readerGenerators = new ArrayList<>();
                    // One counter per reader: its generators share it (a name registers once per metric group).
                    futureClamped = context.getMetricGroup().addGroup("gridwatch").counter("future-clamped");
                }
                return new LiveWatermarks<>(maxOutOfOrderness, idleTimeout, context.getInputActivityClock(), wallClock,
                        readerGenerators, futureClamped);
            }
        };
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        long now = wallClock.millis();
        if (eventTimestamp > now) {
            futureClamped.inc();
        }
        maxTimestamp = Math.max(maxTimestamp, Math.min(eventTimestamp, now));
        lastActivity = activityClock.relativeTimeMillis();
        seenEvents = true;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxTimestamp - maxOutOfOrdernessMillis - 1;
        if (idle() && (seenEvents || readerIsQuiet())) {
            watermark = Math.max(watermark, wallClock.millis() - maxOutOfOrdernessMillis - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    private boolean idle() {
        return activityClock.relativeTimeMillis() - lastActivity >= idleTimeoutMillis;
    }

    /** Whether every generator of this reader that has seen events has been idle for the timeout. */
    private boolean readerIsQuiet() {
        for (LiveWatermarks<?> generator : readerGenerators) {
            if (generator.seenEvents && !generator.idle()) {
                return false;
            }
        }
        return true;
    }
}
