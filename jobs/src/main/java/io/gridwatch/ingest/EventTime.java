package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of GridWatch: an event's {@code occurredAt}, with bounded out-of-orderness ({@code maxOutOfOrderness}:
 * how late an event may arrive and still be placed in its windows).
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
                .withTimestampAssigner((event, previous) -> event.occurredAt().toEpochMilli());
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
