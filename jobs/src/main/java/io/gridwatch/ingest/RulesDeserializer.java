package io.gridwatch.ingest;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import io.gridwatch.common.rules.InvalidRulesException;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a whole {@code rules.yaml} from each record of the rules topic and validates it exactly as at start-up; a
 * record that fails becomes a dead letter whose detail names the line and key. Never throws.
 *
 * <p>The CEP detectors ({@code repeated_dispute}, {@code escalating_dispute}) compile their sections when the job is
 * built; a running job cannot change them (the topology names them: {@code DetectorSpec.RulesTaken.AT_START}). So
 * that no part of the job runs on other rules than another — the suppressor's cool-down for a CEP detector included —
 * a document that changes those sections is applied with them replaced by the ones the job was built with, and is
 * also a dead letter ({@code rules_need_restart}) naming them: they take a restart with the new rules file.
 */
public final class RulesDeserializer implements KafkaRecordDeserializationSchema<Parsed<Rules>> {

    private static final long serialVersionUID = 1L;

    private final Rules built;
    private final List<String> fixedAtStart;

    /**
     * @param built the rules the job was built with
     * @param fixedAtStart the sections the running job cannot change
     */
    public RulesDeserializer(Rules built, Collection<String> fixedAtStart) {
        this.built = built;
        this.fixedAtStart = List.copyOf(fixedAtStart);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed<Rules>> out) {
        RawRecord raw = new RawRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value());
        out.collect(parse(raw));
    }

    Parsed<Rules> parse(RawRecord raw) {
        Rules published;
        try {
            byte[] yaml = raw.value() == null ? new byte[0] : raw.value();
            published = RulesLoader.load(new ByteArrayInputStream(yaml), raw.origin());
        } catch (InvalidRulesException e) {
            return Parsed.rejected(new DeadLetter(raw, new Rejection(RejectReason.INVALID_RULES, e.getMessage())));
        }
        List<String> needRestart = fixedAtStart.stream()
                .filter(section -> !published.section(section).equals(built.section(section)))
                .toList();
        if (needRestart.isEmpty()) {
            return Parsed.of(published);
        }
        return Parsed.inPart(published.withSectionsOf(built, needRestart), new DeadLetter(raw, new Rejection(
                RejectReason.RULES_NEED_RESTART,
                raw.origin() + ": applied except " + String.join(", ", needRestart) + ", which the CEP detectors "
                        + "compiled at start: restart the job from a savepoint with the new rules file to apply them")));
    }

    @Override
    public TypeInformation<Parsed<Rules>> getProducedType() {
        return TypeInformation.of(new TypeHint<Parsed<Rules>>() {});
    }
}
