package io.gridwatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.notify.FailedNotice;
import io.gridwatch.sink.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * An undeliverable notice on the dead-letter topic: the notice as JSON, keyed by its idempotency key, with the
 * headers {@code gridwatch.reason} = {@value #REASON}, {@code gridwatch.detail} (attempts and last error) and
 * {@code gridwatch.origin} (alert id and recipient).
 */
public final class FailedNoticeRecords implements KafkaRecordSerializationSchema<FailedNotice> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String REASON = "notification_failed";

    private final String topic;

    public FailedNoticeRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(FailedNotice failed, KafkaSinkContext context, Long timestamp) {
        byte[] value = JSON.createObjectNode()
                .put("idempotencyKey", failed.notice().idempotencyKey())
                .put("title", failed.notice().title())
                .put("text", failed.notice().text())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        List<Header> headers = DeadLetterHeaders.of(
                REASON, failed.attempts() + " attempts, last: " + failed.lastError(),
                failed.alertId() + " → " + failed.recipient());
        return new ProducerRecord<>(topic, null, null,
                failed.notice().idempotencyKey().getBytes(StandardCharsets.UTF_8), value, headers);
    }
}
