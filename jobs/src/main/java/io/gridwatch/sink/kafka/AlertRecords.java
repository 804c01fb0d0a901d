package io.gridwatch.sink.kafka;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An alert on {@code gridwatch.alerts}: key = alertId (so one alert's updates share a partition), value = JSON,
 * timestamp = the alert's {@code createdAt}, or the wall clock if that is later. Not the stream element's timestamp:
 * alerts fired by the final watermark of a bounded run carry the end of time, and deadlines it passes (an answer due
 * tomorrow) lie in the future; Kafka rejects timestamps more than an hour ahead of the broker's clock.
 */
public final class AlertRecords implements KafkaRecordSerializationSchema<Alert> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public AlertRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                Math.min(alert.createdAt().toEpochMilli(), System.currentTimeMillis()),
                alert.alertId().getBytes(StandardCharsets.UTF_8),
                AlertCodec.encode(alert));
    }
}
