package io.gridwatch.common.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RulesLoaderTest {

    private static final String VALID = """
            repeated_dispute:
              min_count: 3
              window: 7d
              categories: [neighbor_dispute, wage_arrears]
              orange_at_severity: 3
              red_at_severity: 4
            """;

    private static Rules load(String yaml) {
        return RulesLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rules.yaml");
    }

    @Test
    void readsTheShippedDefaults() {
        RepeatedDisputeRule rule = RulesLoader.defaults().repeatedDispute();

        assertThat(rule.minCount()).isEqualTo(3);
        assertThat(rule.window()).isEqualTo(Duration.ofDays(7));
        assertThat(rule.categories()).contains(Category.NEIGHBOR_DISPUTE).doesNotContain(Category.NOISE);
    }

    @Test
    void readsEveryValue() {
        RepeatedDisputeRule rule = load(VALID).repeatedDispute();

        assertThat(rule.categories()).containsExactlyInAnyOrder(Category.NEIGHBOR_DISPUTE, Category.WAGE_ARREARS);
        assertThat(rule.levelFor(2)).isEqualTo(AlertLevel.YELLOW);
        assertThat(rule.levelFor(3)).isEqualTo(AlertLevel.ORANGE);
        assertThat(rule.levelFor(4)).isEqualTo(AlertLevel.RED);
    }

    @Test
    void acceptsShortAndIsoDurations() {
        assertThat(load(VALID.replace("7d", "36h")).repeatedDispute().window()).isEqualTo(Duration.ofHours(36));
        assertThat(load(VALID.replace("7d", "PT90M")).repeatedDispute().window()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void namesLineAndKeyOfAnUnknownKey() {
        assertThatThrownBy(() -> load(VALID.replace("  window: 7d", "  window: 7d\n  windw: 8d")))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("rules.yaml line 4, key 'repeated_dispute.windw': unknown key 'windw'");
    }

    @Test
    void namesLineAndKeyOfANegativeWindow() {
        assertThatThrownBy(() -> load(VALID.replace("7d", "-PT5H")))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("rules.yaml line 3, key 'repeated_dispute'")
                .hasMessageEndingWith("window must be positive, was -PT5H");
    }

    @Test
    void namesAnUnknownCategory() {
        assertThatThrownBy(() -> load(VALID.replace("wage_arrears", "wages")))
                .hasMessageContaining("categories: unknown category 'wages'");
    }

    @Test
    void namesAMissingKey() {
        assertThatThrownBy(() -> load(VALID.replace("  red_at_severity: 4\n", "")))
                .hasMessageContaining("a required key is missing")
                .hasMessageContaining("red_at_severity");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> load("")).hasMessageContaining("empty");
    }
}
