package io.gridwatch.common.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RulesLoaderTest {

    @Test
    void refusesANegativeAllowedLateness() {
        assertThatThrownBy(() -> load(VALID.replace("allowed_lateness: 12h", "allowed_lateness: -1h")))
                .hasMessageContaining("patrol_gap.allowed_lateness");
    }

    private static final String VALID = """
            repeated_dispute:
              min_count: 3
              window: 7d
              categories: [neighbor_dispute, wage_arrears]
              orange_at_severity: 3
              red_at_severity: 4
              cooldown: 7d
              per_category:
                wage_arrears: { min_count: 2 }
              per_street:
                长河镇:
                  window: 3d
            overdue_response:
              sla: { 4: 2h, 3: 12h, 2: 24h, 1: 72h }
              orange_at_severity: 3
              red_at_severity: 4
              allowed_lateness: 30m
              cooldown: 1d
            escalating_dispute:
              window: 30d
              rises: 2
              categories: [neighbor_dispute]
              conflict_categories: [physical_conflict]
              cooldown: 30d
            patrol_gap:
              max_gap: 7d
              max_gap_by_grid_type: { village: 14d }
              allowed_lateness: 12h
              cooldown: 7d
            new_category:
              categories: [wage_arrears]
              lookback: 90d
              cooldown: 90d
            grid_hotspot:
              windows: [24h, 1h]
              baseline_half_life: 14d
              prior_per_day: 2
              prior_overdispersion: 0.1
              min_count: 5
              min_distinct_complainants: 3
              false_alarms_per_100_grid_weeks: 1
              orange_factor: 10
              red_factor: 100
              cooldown: 12h
            cluster_hotspot:
              min_grids: 2
              window: 24h
              orange_at_grids: 3
              cooldown: 12h
            """;

    private static Rules load(String yaml) {
        return RulesLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rules.yaml");
    }

    @Test
    void readsTheShippedDefaults() {
        Rules rules = RulesLoader.defaults();

        assertThat(rules.repeatedDispute().base().minCount()).isEqualTo(3);
        assertThat(rules.repeatedDispute().base().window()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.repeatedDispute().base().categories()).contains(Category.NEIGHBOR_DISPUTE).doesNotContain(Category.NOISE);
        assertThat(rules.overdueResponse().base().slaFor(4)).isEqualTo(Duration.ofHours(2));
        assertThat(rules.patrolGap().base().maxGapFor("village")).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void readsEveryValue() {
        Rules rules = load(VALID);

        RepeatedDisputeRule repeated = rules.repeatedDispute().base();
        assertThat(repeated.categories()).containsExactlyInAnyOrder(Category.NEIGHBOR_DISPUTE, Category.WAGE_ARREARS);
        assertThat(repeated.levelFor(2)).isEqualTo(AlertLevel.YELLOW);
        assertThat(repeated.levelFor(3)).isEqualTo(AlertLevel.ORANGE);
        assertThat(repeated.levelFor(4)).isEqualTo(AlertLevel.RED);
        assertThat(repeated.cooldown()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.overdueResponse().base().slaBySeverity()).containsEntry(1, Duration.ofHours(72)).hasSize(4);
        assertThat(rules.escalatingDispute().base().rises()).isEqualTo(2);
        assertThat(rules.patrolGap().base().maxGapFor("residential")).isEqualTo(Duration.ofDays(7));
        assertThat(rules.patrolGap().base().allowedLateness()).isEqualTo(Duration.ofHours(12));
        assertThat(rules.overdueResponse().base().allowedLateness()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rules.newCategory().base().lookback()).isEqualTo(Duration.ofDays(90));
        GridHotspotRule hotspot = rules.gridHotspot().base();
        assertThat(hotspot.windows()).containsExactly(Duration.ofHours(1), Duration.ofHours(24));
        // 1 false alarm per 100 grid-weeks over a grid's 7 × 5 residents' tests a week.
        double threshold = hotspot.threshold(5);
        assertThat(threshold).isCloseTo(0.01 / 35, within(1e-12));
        assertThat(hotspot.levelFor(threshold * 1.01, threshold)).isNull();
        assertThat(hotspot.levelFor(threshold, threshold)).isEqualTo(AlertLevel.YELLOW);
        assertThat(hotspot.levelFor(threshold / 20, threshold)).isEqualTo(AlertLevel.ORANGE);
        assertThat(hotspot.levelFor(threshold / 100, threshold)).isEqualTo(AlertLevel.RED);
        // A quiet grid is counted as tested at least once a week: its threshold is capped, not inflated.
        assertThat(hotspot.threshold(0.01)).isEqualTo(hotspot.threshold(1.0 / 7));
        ClusterHotspotRule cluster = rules.clusterHotspot().base();
        assertThat(cluster.levelFor(2, AlertLevel.YELLOW)).isEqualTo(AlertLevel.YELLOW);
        assertThat(cluster.levelFor(3, AlertLevel.YELLOW)).isEqualTo(AlertLevel.ORANGE);
        assertThat(cluster.levelFor(2, AlertLevel.RED)).isEqualTo(AlertLevel.RED);
        assertThat(rules.cooldown(Rules.OVERDUE_RESPONSE, "东湖街道")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void appliesCategoryThenStreetOverrides() {
        RuleSet<RepeatedDisputeRule> rules = load(VALID).repeatedDispute();

        assertThat(rules.forContext("东湖街道", Category.NEIGHBOR_DISPUTE)).isEqualTo(rules.base());
        assertThat(rules.forContext("东湖街道", Category.WAGE_ARREARS).minCount()).isEqualTo(2);
        assertThat(rules.forContext("东湖街道", Category.WAGE_ARREARS).window()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.forContext("长河镇", Category.NEIGHBOR_DISPUTE).minCount()).isEqualTo(3);
        assertThat(rules.forContext("长河镇", Category.NEIGHBOR_DISPUTE).window()).isEqualTo(Duration.ofDays(3));
        RepeatedDisputeRule both = rules.forContext("长河镇", Category.WAGE_ARREARS);
        assertThat(both.minCount()).isEqualTo(2);
        assertThat(both.window()).isEqualTo(Duration.ofDays(3));
        assertThat(rules.variants().values())
                .containsExactly("default", "category=wage_arrears", "street=长河镇", "street=长河镇,category=wage_arrears");
    }

    @Test
    void acceptsShortAndIsoDurations() {
        assertThat(load(VALID.replace("window: 7d", "window: 36h")).repeatedDispute().base().window())
                .isEqualTo(Duration.ofHours(36));
        assertThat(load(VALID.replace("window: 7d", "window: PT90M")).repeatedDispute().base().window())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void namesLineAndKeyOfAnUnknownKey() {
        assertThatThrownBy(() -> load(VALID.replace("  window: 7d", "  window: 7d\n  windw: 8d")))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageStartingWith("rules.yaml line 4, key 'repeated_dispute.windw': unknown key 'windw'");
    }

    @Test
    void namesLineAndKeyOfAnUnknownKeyInAnOverride() {
        assertThatThrownBy(() -> load(VALID.replace("      window: 3d", "      windows: 3d")))
                .hasMessageStartingWith("rules.yaml line 12, key 'repeated_dispute.per_street.长河镇.windows': unknown key");
    }

    @Test
    void namesLineAndKeyOfANegativeWindow() {
        assertThatThrownBy(() -> load(VALID.replace("window: 7d", "window: -PT5H")))
                .hasMessage("rules.yaml line 3, key 'repeated_dispute.window': window must be positive, was -PT5H");
        assertThatThrownBy(() -> load(VALID.replace("      window: 3d", "      window: -3d")))
                .hasMessage("rules.yaml line 12, key 'repeated_dispute.per_street.长河镇.window': window must be positive, was -3d");
    }

    @Test
    void namesAnUnknownCategory() {
        assertThatThrownBy(() -> load(VALID.replace("[neighbor_dispute, wage_arrears]", "[neighbor_dispute, wages]")))
                .hasMessageContaining("rules.yaml line 4")
                .hasMessageContaining("categories: unknown category 'wages'");
        assertThatThrownBy(() -> load(VALID.replace("    wage_arrears: { min_count: 2 }", "    wages: { min_count: 2 }")))
                .hasMessageStartingWith("rules.yaml line 9, key 'repeated_dispute.per_category.wages': unknown category 'wages'");
    }

    @Test
    void rejectsACoolDownPerCategoryThatWouldBeIgnored() {
        assertThatThrownBy(() -> load(VALID.replace("    wage_arrears: { min_count: 2 }", "    wage_arrears: { min_count: 2, cooldown: 1d }")))
                .hasMessageStartingWith("rules.yaml line 9, key 'repeated_dispute.per_category.wage_arrears.cooldown': "
                        + "cooldown cannot be set per category");
    }

    @Test
    void rejectsCategoryOverridesWhereAPatternSpansCategories() {
        assertThatThrownBy(() -> load(VALID.replace("  rises: 2\n", "  rises: 2\n  per_category:\n    noise: { rises: 1 }\n")))
                .hasMessage("rules.yaml line 22, key 'escalating_dispute.per_category': "
                        + "escalating_dispute takes no per_category overrides: its patterns span categories");
    }

    @Test
    void namesAnUnknownOrMissingSection() {
        assertThatThrownBy(() -> load(VALID + "grid_hotspots:\n  min_count: 3\n"))
                .hasMessageStartingWith("rules.yaml line 50, key 'grid_hotspots': unknown section 'grid_hotspots'");
        assertThatThrownBy(() -> load(VALID.substring(0, VALID.indexOf("new_category:"))))
                .hasMessageContaining("key 'new_category': section 'new_category' is required");
    }

    @Test
    void namesAMissingKey() {
        assertThatThrownBy(() -> load(VALID.replace("  red_at_severity: 4\n  cooldown: 7d\n", "  cooldown: 7d\n")))
                .hasMessageContaining("a required key is missing")
                .hasMessageContaining("red_at_severity");
    }

    @Test
    void requiresAnSlaForEverySeverity() {
        assertThatThrownBy(() -> load(VALID.replace("{ 4: 2h, 3: 12h, 2: 24h, 1: 72h }", "{ 4: 2h, 3: 12h, 2: 24h }")))
                .hasMessageContaining("overdue_response")
                .hasMessageContaining("sla has no value for severity 1");
        assertThatThrownBy(() -> load(VALID.replace("4: 2h,", "5: 2h,")))
                .hasMessageContaining("sla must be a severity 1-4, was 5");
    }

    @Test
    void requiresAFalseAlarmBudgetAndLevelFactorsInOrder() {
        assertThatThrownBy(() -> load(VALID.replace("false_alarms_per_100_grid_weeks: 1", "false_alarms_per_100_grid_weeks: 0")))
                .hasMessageContaining("key 'grid_hotspot.false_alarms_per_100_grid_weeks'")
                .hasMessageContaining("must be above 0 and at most 100, was 0.0");
        assertThatThrownBy(() -> load(VALID.replace("red_factor: 100", "red_factor: 5")))
                .hasMessageContaining("1 <= orange_factor <= red_factor");
    }

    @Test
    void rejectsAnEmptyFileAndBrokenYaml() {
        assertThatThrownBy(() -> load("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> load("repeated_dispute: [\n")).hasMessageContaining("not valid YAML");
    }
}
