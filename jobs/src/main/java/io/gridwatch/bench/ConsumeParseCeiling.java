package io.gridwatch.bench;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.codec.InvalidEventException;
import io.gridwatch.simulate.KafkaFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: how fast one thread can take the job's input off Kafka and parse it — a plain consumer reading the
 * topic from the beginning and decoding every record with the job's own codec, no Flink. No pipeline that consumes
 * and parses these records can beat it on this machine; the end-to-end figure is reported as a share of it.
 */
final class ConsumeParseCeiling {

    private final String bootstrapServers;

    ConsumeParseCeiling(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Writes {@code events} of {@code load} to {@code topic} (all complaints and patrols alike), once. */
    void fill(SyntheticLoad load, long events, String topic) throws InterruptedException {
        try (KafkaFeed feed = new KafkaFeed(bootstrapServers, topic, topic)) {
            Instant start = DetectorThroughput.START;
            for (long i = 0; i < events; i++) {
                feed.send(load.event(i, events, start, Duration.ofDays(30)));
            }
        }
    }

    /** Events per second consuming and parsing all of {@code topic}. */
    double measure(String topic, long events) throws InvalidEventException {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long start = System.nanoTime();
            while (read < events) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    EventCodec.decode(record.value());
                    read++;
                }
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }
}
