package io.gridwatch.ingest;

import io.gridwatch.common.event.GridEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of GridWatch: an event's {@code occurredAt}, with bounded out-of-orderness.
 *
 * <p>{@code maxOutOfOrderness} is how late an event may arrive and still be placed in its windows;
 * {@code idleTimeout} lets a source split that has been silent that long stop holding the watermark back, so one
 * quiet partition does not stall detection for the whole city.
 */
public final class EventTime {

    private EventTime() {}

    /** For the Kafka source, per partition. */
    public static WatermarkStrategy<Ingested> forIngested(Duration maxOutOfOrderness, Duration idleTimeout) {
        return strategy(maxOutOfOrderness, idleTimeout, (ingested, kafkaTime) -> ingested.eventTimeMillis());
    }

    /** For streams of events, such as bounded test and replay sources. */
    public static WatermarkStrategy<GridEvent> forEvents(Duration maxOutOfOrderness, Duration idleTimeout) {
        return strategy(maxOutOfOrderness, idleTimeout, (event, previous) -> event.occurredAt().toEpochMilli());
    }

    private static <T> WatermarkStrategy<T> strategy(
            Duration maxOutOfOrderness, Duration idleTimeout, SerializableTimestampAssigner<T> timestamps) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner(timestamps)
                .withIdleness(idleTimeout);
    }
}
