package io.gridwatch.ingest;

import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.common.codec.InvalidEventException;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses and validates records inside the Kafka source, so that each partition's watermark is generated from its own
 * events' time (a replay reading partitions at different speeds does not make events late). Never throws: a record
 * that is not a valid event is emitted as a {@link DeadLetter}, carrying its original bytes, for {@link RouteEvents}
 * to send to the dead-letter topic. The wall clock at ingestion bounds how far in the future an event may be dated.
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private static final long serialVersionUID = 1L;

    private final EventValidator validator;

    public EventDeserializer(EventValidator validator) {
        this.validator = validator;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        out.collect(ingest(
                new RawRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value()),
                Instant.now()));
    }

    Ingested ingest(RawRecord record, Instant now) {
        try {
            return Ingested.valid(validator.validate(record.value(), now));
        } catch (InvalidEventException e) {
            return Ingested.rejected(new DeadLetter(record, e.rejection()));
        }
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
