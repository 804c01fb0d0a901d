package io.gridwatch.ingest;

import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import io.gridwatch.common.alert.LifecycleEvent;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads silences or alert lifecycle events (JSON, see {@link RecordJson}); a record that is not one becomes a
 * dead letter naming what is wrong. A lifecycle event dated more than {@link #MAX_AHEAD} ahead of the wall clock is
 * one too: staff act now, and a far-future {@code at} would keep an alert handled, its escalation stopped, for as long.
 * Never throws.
 */
public final class ControlRecordDeserializer<T extends Record> implements KafkaRecordDeserializationSchema<Parsed<T>> {

    private static final long serialVersionUID = 1L;

    static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    /** What is wrong with a decoded record beyond its own checks, or {@code null}. */
    @FunctionalInterface
    private interface Check<T> extends Serializable {
        String problem(T value);
    }

    private final Class<T> type;
    private final TypeInformation<Parsed<T>> produced;
    private final Check<T> check;

    private ControlRecordDeserializer(Class<T> type, TypeInformation<Parsed<T>> produced, Check<T> check) {
        this.type = type;
        this.produced = produced;
        this.check = check;
    }

    public static ControlRecordDeserializer<Silence> silences() {
        return new ControlRecordDeserializer<>(Silence.class, TypeInformation.of(new TypeHint<Parsed<Silence>>() {}),
                silence -> null);
    }

    public static ControlRecordDeserializer<LifecycleEvent> lifecycleEvents() {
        return new ControlRecordDeserializer<>(LifecycleEvent.class,
                TypeInformation.of(new TypeHint<Parsed<LifecycleEvent>>() {}),
                event -> event.at().isAfter(Instant.now().plus(MAX_AHEAD))
                        ? "at " + event.at() + " is ahead of the clock" : null);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed<T>> out) {
        out.collect(parse(new RawRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value())));
    }

    Parsed<T> parse(RawRecord raw) {
        try {
            T value = RecordJson.decode(raw.value() == null ? new byte[0] : raw.value(), type);
            String problem = check.problem(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return Parsed.of(value);
        } catch (IllegalArgumentException e) {
            return Parsed.rejected(new DeadLetter(raw, new Rejection(RejectReason.INVALID_CONTROL_RECORD,
                    type.getSimpleName() + ": " + e.getMessage())));
        }
    }

    @Override
    public TypeInformation<Parsed<T>> getProducedType() {
        return produced;
    }
}
