package io.gridwatch.job;

import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.config.JobConfig;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.EventDeserializer;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.Ingested;
import io.gridwatch.ingest.Parsed;
import io.gridwatch.ingest.RouteEvents;
import io.gridwatch.ingest.RouteParsed;
import io.gridwatch.topology.OperatorIds;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The live job's Kafka sources: complaints and patrols, validated, in event time, late ones stamped; and the control
 * records (rules, silences, lifecycle events). Invalid records of each leave on {@code DeadLetter.REJECTED}.
 */
final class LiveSources {

    private LiveSources() {}

    /** Complaints and patrols, resuming from the offsets of the last checkpoint. */
    static SingleOutputStreamOperator<Arrival> events(StreamExecutionEnvironment env, JobConfig config) {
        KafkaSourceBuilder<Ingested> builder = KafkaSource.<Ingested>builder()
                .setProperties(config.kafka().clientProperties())
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setGroupId(config.kafka().groupId())
                .setTopics(config.topics().complaints(), config.topics().patrols())
                // Resume from the offsets committed at the last checkpoint; a new group starts at the beginning.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EventDeserializer(new EventValidator(
                        config.registry(), config.events().maxFutureSkew(), config.events().maxAge(), config.events().maxRecordBytes())));
        if (config.kafka().bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), EventTime.forIngested(config.events().maxOutOfOrderness(), config.events().idleTimeout()),
                        "Kafka: complaints and patrols")
                .uid(OperatorIds.EVENT_SOURCE)
                .transform("Route invalid records aside, stamp late ones now", TypeInformation.of(Arrival.class),
                        new RouteEvents())
                .uid(OperatorIds.ROUTE_EVENTS);
    }

    /**
     * A stream of control records (rules, silences, lifecycle events) from {@code topic}: read from the beginning
     * every time, so the latest rules and every silence count even after a fresh start; without event time.
     */
    static <T> SingleOutputStreamOperator<T> control(StreamExecutionEnvironment env, JobConfig config, String topic,
            KafkaRecordDeserializationSchema<Parsed<T>> deserializer, Class<T> type, String what, String sourceUid,
            String routeUid) {
        KafkaSourceBuilder<Parsed<T>> builder = KafkaSource.<Parsed<T>>builder()
                .setProperties(config.kafka().clientProperties())
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setGroupId(config.kafka().groupId() + "-" + what)
                .setTopics(topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(deserializer);
        if (config.kafka().bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), EventTime.timeless(), "Kafka: " + topic)
                .uid(sourceUid)
                .process(new RouteParsed<T>(what), TypeInformation.of(type))
                .uid(routeUid)
                .name("Route invalid " + what + " aside");
    }
}
