package io.gridwatch.job;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.config.JobConfig;
import io.gridwatch.sink.elasticsearch.DocumentMapper;
import io.gridwatch.sink.elasticsearch.ElasticsearchSink;
import io.gridwatch.sink.elasticsearch.KafkaRejectedDocuments;
import io.gridwatch.sink.elasticsearch.RejectedDocuments;
import io.gridwatch.sink.kafka.AlertRecords;
import io.gridwatch.topology.Indexed;
import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The live job's sinks: Elasticsearch indices, documents it refuses dead-lettered; Kafka topics. */
final class LiveSinks {

    private final JobConfig config;

    LiveSinks(JobConfig config) {
        this.config = config;
    }

    /**
     * Indexes {@code stream} in a task of its own, dead-lettering documents Elasticsearch refuses: a bulk request waits
     * for Elasticsearch, and chained to the operator before it that wait would hold detection up (measured: alert
     * latency fell by a quarter, BENCHMARKS.md).
     */
    <T> void index(Indexed<T> output) {
        index(output.stream(), output.documents(), output.uid(), output.index());
    }

    /** As {@link #index(Indexed)}, for a stream the topology does not index itself. */
    <T> void index(DataStream<T> stream, DocumentMapper<T> documents, String uid, String target) {
        RejectedDocuments deadLetters = new KafkaRejectedDocuments(
                config.kafka().clientPropertiesWithServers(), config.topics().deadLetter());
        stream.sinkTo(new ElasticsearchSink<>(
                        config.elasticsearch().access(), documents, config.elasticsearch().bulk(), deadLetters))
                .uid(uid)
                .name("Elasticsearch: " + target)
                .disableChaining();
    }

    /** Records on a topic, at least once. */
    <T> void publish(DataStream<T> stream, KafkaRecordSerializationSchema<T> records, String uid, String target) {
        stream.sinkTo(KafkaSink.<T>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setKafkaProducerConfig(config.kafka().clientProperties())
                        .setRecordSerializer(records)
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .uid(uid)
                .name("Kafka: " + target);
    }

    /**
     * Alerts on Kafka, exactly once by default: written in a transaction committed with each checkpoint, so a
     * restart does not publish an alert record twice (read_committed consumers see it one checkpoint later).
     */
    void publishAlerts(DataStream<Alert> alerts, String uid) {
        if (!config.kafka().alertsExactlyOnce()) {
            publish(alerts, new AlertRecords(config.topics().alerts()), uid, config.topics().alerts());
            return;
        }
        alerts.sinkTo(KafkaSink.<Alert>builder()
                        .setBootstrapServers(config.kafka().bootstrapServers())
                        .setKafkaProducerConfig(config.kafka().clientProperties())
                        .setRecordSerializer(new AlertRecords(config.topics().alerts()))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(config.kafka().groupId() + "-alerts")
                        // Longer than a checkpoint may take, within the broker's transaction.max.timeout.ms (15 min).
                        .setProperty("transaction.timeout.ms", String.valueOf(Duration.ofMinutes(10).toMillis()))
                        .build())
                .uid(uid)
                .name("Kafka: " + config.topics().alerts());
    }
}
