package io.gridwatch.ingest;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
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
 */
final class LiveWatermarks<T> implements WatermarkGenerator<T> {

    private final long maxOutOfOrdernessMillis;
    private final long idleTimeoutMillis;
    private final RelativeClock activityClock;
    private final Clock wallClock;
    private long maxTimestamp;
    private long lastActivity;
    private long emitted = Long.MIN_VALUE;

    LiveWatermarks(Duration maxOutOfOrderness, Duration idleTimeout, RelativeClock activityClock, Clock wallClock) {
        this.maxOutOfOrdernessMillis = maxOutOfOrderness.toMillis();
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.activityClock = activityClock;
        this.wallClock = wallClock;
        this.maxTimestamp = Long.MIN_VALUE + maxOutOfOrdernessMillis + 1;
        this.lastActivity = activityClock.relativeTimeMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastActivity = activityClock.relativeTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = maxTimestamp - maxOutOfOrdernessMillis - 1;
        if (activityClock.relativeTimeMillis() - lastActivity >= idleTimeoutMillis) {
            watermark = Math.max(watermark, wallClock.millis() - maxOutOfOrdernessMillis - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
