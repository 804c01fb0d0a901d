package io.gridwatch.sink.kafka;

import io.gridwatch.ingest.DeadLetter;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A rejected record on {@code gridwatch.deadletter}: the original key and value byte for byte, with why and whence
 * in headers, so it can be inspected, fixed and re-sent to its source topic unchanged.
 */
public final class DeadLetterRecords implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;


    private final String topic;

    public DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = DeadLetterHeaders.of(
                letter.rejection().reason().code(), letter.rejection().detail(), letter.record().origin());
        // A dead letter has no event time; the producer stamps it with the time it was rejected.
        return new ProducerRecord<>(topic, null, null, letter.record().key(), letter.record().value(), headers);
    }
}
