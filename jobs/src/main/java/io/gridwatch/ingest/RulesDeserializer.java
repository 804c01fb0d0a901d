package io.gridwatch.ingest;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import io.gridwatch.common.rules.InvalidRulesException;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import java.io.ByteArrayInputStream;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a whole {@code rules.yaml} from each record of the rules topic and validates it exactly as at start-up; a
 * record that fails becomes a dead letter whose detail names the line and key. Never throws.
 */
public final class RulesDeserializer implements KafkaRecordDeserializationSchema<Parsed<Rules>> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed<Rules>> out) {
        RawRecord raw = new RawRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value());
        out.collect(parse(raw));
    }

    static Parsed<Rules> parse(RawRecord raw) {
        try {
            byte[] yaml = raw.value() == null ? new byte[0] : raw.value();
            return Parsed.of(RulesLoader.load(new ByteArrayInputStream(yaml), raw.origin()));
        } catch (InvalidRulesException e) {
            return Parsed.rejected(new DeadLetter(raw, new Rejection(RejectReason.INVALID_RULES, e.getMessage())));
        }
    }

    @Override
    public TypeInformation<Parsed<Rules>> getProducedType() {
        return TypeInformation.of(new TypeHint<Parsed<Rules>>() {});
    }
}
