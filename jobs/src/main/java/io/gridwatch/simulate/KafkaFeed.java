package io.gridwatch.simulate;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds events to the complaints and patrols topics, keyed by grid (one grid's events stay in order on one
 * partition), in the order they reach GridWatch, paced either at a fixed rate or by compressing time: at speed 43 200, thirty days of event
 * time pass in one minute.
 */
public final class KafkaFeed implements AutoCloseable {

    /** How fast to feed: {@code eventsPerSecond} if positive, else event time at {@code speed} times real time. */
    public record Pace(double eventsPerSecond, double speed) {

        public static Pace rate(double eventsPerSecond) {
            return new Pace(eventsPerSecond, 0);
        }

        public static Pace compress(double speed) {
            return new Pace(0, speed);
        }

        /** When event {@code index}, at {@code eventTime}, is due after the feed started, in nanoseconds. */
        long dueNanos(long index, Instant first, Instant eventTime) {
            return eventsPerSecond > 0 ? (long) (index / eventsPerSecond * 1e9)
                    : (long) (Duration.between(first, eventTime).toNanos() / speed);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String complaintsTopic;
    private final String patrolsTopic;

    public KafkaFeed(String bootstrapServers, String complaintsTopic, String patrolsTopic) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
        this.complaintsTopic = complaintsTopic;
        this.patrolsTopic = patrolsTopic;
    }

    /**
     * Sends the events of {@code deliveries} in order at {@code pace}, paced by when each reaches GridWatch;
     * {@code sent} hears the running count, {@code stop} is asked between events. Returns the number sent.
     */
    public long feed(List<Delivery> deliveries, Pace pace, LongConsumer sent, BooleanSupplier stop)
            throws InterruptedException {
        if (deliveries.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        Instant first = deliveries.get(0).at();
        long count = 0;
        for (Delivery delivery : deliveries) {
            long wait = start + pace.dueNanos(count, first, delivery.at()) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (stop.getAsBoolean()) {
                break;
            }
            send(delivery.event());
            sent.accept(++count);
        }
        producer.flush();
        return count;
    }

    public void send(GridEvent event) {
        producer.send(new ProducerRecord<>(event instanceof Complaint ? complaintsTopic : patrolsTopic, event.gridId(),
                EventCodec.encode(event)));
    }

    /** Sends a record as it is, for showing what happens to bad input. */
    public void sendRaw(byte[] value) {
        producer.send(new ProducerRecord<>(complaintsTopic, value));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
