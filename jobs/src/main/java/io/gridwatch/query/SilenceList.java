package io.gridwatch.query;

import io.gridwatch.common.alert.Silence;
import io.gridwatch.ingest.RecordJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The silences on the silences topic as the job sees them: every record read from the beginning, the latest per id
 * winning; records that are not valid silences are skipped, as the job skips them.
 */
public final class SilenceList {

    private SilenceList() {}

    /** Every silence on the topic, by id, read with {@code client}'s properties (bootstrap servers, security). */
    public static Map<String, Silence> read(Properties client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        Map<String, Silence> silences = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("Kafka has no topic " + topic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        Silence silence = RecordJson.decode(record.value(), Silence.class);
                        silences.put(silence.id(), silence);
                    } catch (IllegalArgumentException invalid) {
                        // the job dead-letters it; it silences nothing
                    }
                }
            }
        }
        return silences;
    }
}
