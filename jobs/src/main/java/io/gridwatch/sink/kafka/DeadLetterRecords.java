package io.gridwatch.sink.kafka;

import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.ingest.DeadLetter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A rejected record on {@code gridwatch.deadletter}: the original key, and the original value sealed
 * ({@link RecordSeal}, AES-256-GCM under {@value RecordSeal#VARIABLE}), so it can be opened, fixed and re-sent to its
 * source topic ({@code gridwatch deadletters}) by whoever holds the key, and read by no one else — a rejected complaint
 * is the resident's words, phone and all. Why and whence in headers, in clear (the detail masked): a reason code,
 * the reason, the origin, and which key sealed it.
 */
public final class DeadLetterRecords implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** The header naming the seal: {@code aes-256-gcm:<key id>}. */
    public static final String SEALED = "gridwatch.sealed";

    /** The key's secret, read where records are written (a TaskManager's environment), never carried in the job. */
    @FunctionalInterface
    public interface Secret extends Serializable {
        String value();
    }

    private final String topic;
    private final Secret secret;
    private transient RecordSeal seal;

    public DeadLetterRecords(String topic, Secret secret) {
        this.topic = topic;
        this.secret = secret;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        if (seal == null) {
            seal = RecordSeal.of(secret.value());
        }
        List<Header> headers = new ArrayList<>(DeadLetterHeaders.of(letter.rejection().reason().code(),
                letter.rejection().detail(), letter.record().origin()));
        headers.add(new RecordHeader(SEALED, ("aes-256-gcm:" + seal.keyId()).getBytes(StandardCharsets.UTF_8)));
        byte[] value = letter.record().value() == null ? null : seal.seal(letter.record().value());
        // A dead letter has no event time; the producer stamps it with the time it was rejected.
        return new ProducerRecord<>(topic, null, null, letter.record().key(), value, headers);
    }
}
