package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of GridWatch: when an event became known ({@link GridEvent#knownAt}: a complaint's {@code reportedAt}, a
 * patrol's visit), with bounded out-of-orderness ({@code maxOutOfOrderness}: how far behind the newest event one may
 * come and keep its own time). Live, an event further behind is not dropped: {@link RouteEvents} stamps it just after
 * the watermark, so it reaches every detector the moment it comes. The bound is therefore not a lateness allowance
 * but how long a warning waits for stragglers to be ordered in: seconds, not minutes. Absence — a deadline — waits
 * for late evidence through each detector's own {@code allowed_lateness}.
 */
public final class EventTime {

    private EventTime() {}

    /**
     * For the Kafka source, per partition. A partition that has been silent for {@code idleTimeout} lets its
     * watermark follow the wall clock (see {@link LiveWatermarks}), so deadlines pass on time in a quiet city.
     */
    public static WatermarkStrategy<Ingested> forIngested(Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<Ingested>forGenerator(
                        LiveWatermarks.supplier(maxOutOfOrderness, idleTimeout, Clock.systemUTC()))
                .withTimestampAssigner((ingested, kafkaTime) -> ingested.eventTimeMillis());
    }

    /** For bounded streams of events (tests, replays of files), where time is only what the events say. */
    public static WatermarkStrategy<GridEvent> forEvents(Duration maxOutOfOrderness) {
        return WatermarkStrategy.<GridEvent>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((event, previous) -> event.knownAt().toEpochMilli());
    }

    /**
     * For streams without event time, such as rules updates that are broadcast into detectors: their watermark is
     * always the end of time, so in a two-input operator the event input alone decides event time.
     */
    public static <T> WatermarkStrategy<T> timeless() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
