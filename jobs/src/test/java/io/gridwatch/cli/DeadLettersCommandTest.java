package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.ingest.DeadLetter;
import io.gridwatch.ingest.RawRecord;
import io.gridwatch.sink.kafka.DeadLetterRecords;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code gridwatch deadletters} on the real Kafka, over letters sealed as the job seals them. */
@ExtendWith(SharedServices.class)
@Tag("services")
class DeadLettersCommandTest {

    private static final String KEY = "a-dead-letter-key-for-this-test-32b";
    private static final String COMPLAINT = "{\"eventId\":\"C-1\",\"complainant\":{\"phone\":\"13800138000\"}}";

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String deadLetters = "deadletter-" + id;
    private final String complaints = "complaints-" + id;

    @Test
    void listsWithoutTheKeyAndOpensAndResendsWithIt() throws Exception {
        SharedServices.kafka().createTopics(List.of(deadLetters, complaints), 1);
        send(new DeadLetter(new RawRecord(complaints, 0, 7, null, COMPLAINT.getBytes(StandardCharsets.UTF_8)),
                new Rejection(RejectReason.MISSING_FIELD, "'gridId' is required")));
        String kafka = SharedServices.kafka().bootstrapServers();

        CommandRun noKey = new CommandRun(Map.<String, String>of()::get);
        assertThat(noKey.run("deadletters", "--kafka", kafka, "--deadletter-topic", deadLetters)).isZero();
        assertThat(noKey.out()).contains("missing_field").contains(complaints + "-0@7").contains("'gridId' is required")
                .doesNotContain("13800138000");
        assertThat(noKey.run("deadletters", "--kafka", kafka, "--deadletter-topic", deadLetters, "--open")).isEqualTo(1);
        assertThat(noKey.err()).startsWith("gridwatch: GRIDWATCH_DEADLETTER_KEY is not set");

        CommandRun withKey = new CommandRun(Map.of(RecordSeal.VARIABLE, KEY)::get);
        assertThat(withKey.run("deadletters", "--kafka", kafka, "--deadletter-topic", deadLetters, "--open")).isZero();
        assertThat(withKey.out()).contains(COMPLAINT);
        assertThat(withKey.run("deadletters", "--kafka", kafka, "--deadletter-topic", deadLetters,
                "--reason", "missing_field", "--resend")).isZero();
        assertThat(withKey.out()).contains("Re-sent 1 records");
        assertThat(new KafkaTestClient(kafka).readAll(complaints, 1, Duration.ofSeconds(30)))
                .singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(COMPLAINT));
    }

    private void send(DeadLetter letter) throws Exception {
        ProducerRecord<byte[], byte[]> record = new DeadLetterRecords(deadLetters, () -> KEY).serialize(letter, null, null);
        Properties client = new Properties();
        client.put("bootstrap.servers", SharedServices.kafka().bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }
}
