package io.gridwatch.sink.kafka;

import io.gridwatch.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A rejected record on {@code gridwatch.deadletter}: the original key and value byte for byte, with why and whence
 * in headers, so it can be inspected, fixed and re-sent to its source topic unchanged.
 */
public final class DeadLetterRecords implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** The reason code, e.g. {@code missing_field}. */
    public static final String REASON_HEADER = "gridwatch.reason";
    /** The reason for people, e.g. {@code 'gridId' is required}. */
    public static final String DETAIL_HEADER = "gridwatch.detail";
    /** Where the record was read: {@code topic-partition@offset}. */
    public static final String ORIGIN_HEADER = "gridwatch.origin";

    private final String topic;

    public DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = List.of(
                header(REASON_HEADER, letter.rejection().reason().code()),
                header(DETAIL_HEADER, letter.rejection().detail()),
                header(ORIGIN_HEADER, letter.record().origin()));
        // A dead letter has no event time; the producer stamps it with the time it was rejected.
        return new ProducerRecord<>(topic, null, null, letter.record().key(), letter.record().value(), headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
