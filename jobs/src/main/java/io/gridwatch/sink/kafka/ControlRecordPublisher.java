package io.gridwatch.sink.kafka;

import io.gridwatch.ingest.RecordJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes control records (silences, lifecycle events) from the command line and the lifecycle endpoint, one at a
 * time, waiting until the broker has them: the caller reports success only for a record the job will read.
 */
public final class ControlRecordPublisher implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 15;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public ControlRecordPublisher(String bootstrapServers, String topic) {
        this(client(bootstrapServers), topic);
    }

    /** A publisher with {@code client}'s properties: bootstrap servers and security, as the job's. */
    public ControlRecordPublisher(Properties client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** @throws IOException naming the topic when the broker did not take the record in time */
    public void publish(String key, Object record) throws IOException {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), RecordJson.encode(record)))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("could not publish to Kafka topic " + topic + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    private static Properties client(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }
}
