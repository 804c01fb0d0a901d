package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.testing.TestRules;
import io.gridwatch.testing.Detection;
import io.gridwatch.topology.Detectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which parts of a rules document published while running are applied, and what is said about the rest. */
@Tag("unit")
class RulesDeserializerTest {

    private final RulesDeserializer deserializer = new RulesDeserializer(Detection.DEFAULT_RULES, Detectors.fixedAtStart());

    @Test
    void appliesADocumentThatChangesOnlyWhatARunningJobCanChange() {
        String yaml = TestRules.shippedYamlWith("patrol_gap", "max_gap", "5d");

        Parsed<Rules> parsed = deserializer.parse(record(yaml));

        assertThat(parsed.deadLetter()).isNull();
        assertThat(parsed.value().patrolGap().base().maxGap()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void keepsTheCepSectionsTheJobWasBuiltWithAndSaysSoInADeadLetter() {
        String yaml = TestRules.with(TestRules.shippedYamlWith("patrol_gap", "max_gap", "5d"),
                "repeated_dispute", "cooldown", "1d");

        Parsed<Rules> parsed = deserializer.parse(record(yaml));

        assertThat(parsed.value().patrolGap().base().maxGap()).as("applied").isEqualTo(Duration.ofDays(5));
        assertThat(parsed.value().repeatedDispute()).as("as built, for the CEP operator and the suppressor alike")
                .isEqualTo(Detection.DEFAULT_RULES.repeatedDispute());
        assertThat(parsed.deadLetter().rejection().reason()).isEqualTo(RejectReason.RULES_NEED_RESTART);
        assertThat(parsed.deadLetter().rejection().detail())
                .contains("applied except repeated_dispute").doesNotContain("escalating_dispute");
    }

    @Test
    void rejectsAnInvalidDocumentWhole() {
        Parsed<Rules> parsed = deserializer.parse(record(TestRules.shippedYamlWith("patrol_gap", "max_gap", "-5d")));

        assertThat(parsed.value()).isNull();
        assertThat(parsed.deadLetter().rejection().reason()).isEqualTo(RejectReason.INVALID_RULES);
    }

    private static RawRecord record(String yaml) {
        return new RawRecord("rules", 0, 7, null, yaml.getBytes(StandardCharsets.UTF_8));
    }
}
