package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code repeated_dispute} (矛盾纠纷反复): at least {@code minCount} complaints of a dispute category about the same
 * subject in one grid within {@code window} of event time.
 *
 * @param categories which complaint categories count as the dispute
 * @param orangeAtSeverity the alert is orange when any evidence is at least this severe
 * @param redAtSeverity the alert is red when any evidence is at least this severe
 */
public record RepeatedDisputeRule(
        int minCount,
        Duration window,
        Set<Category> categories,
        int orangeAtSeverity,
        int redAtSeverity,
        Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public RepeatedDisputeRule(
            @JsonProperty(value = "min_count", required = true) int minCount,
            @JsonProperty(value = "window", required = true) String window,
            @JsonProperty(value = "categories", required = true) List<String> categories,
            @JsonProperty(value = "orange_at_severity", required = true) int orangeAtSeverity,
            @JsonProperty(value = "red_at_severity", required = true) int redAtSeverity,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(
                minCount,
                RuleValues.positiveDuration("window", window),
                RuleValues.categories("categories", categories),
                orangeAtSeverity,
                redAtSeverity,
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public RepeatedDisputeRule {
        if (minCount < 2) {
            throw new IllegalArgumentException("min_count must be at least 2, was " + minCount);
        }
        RuleValues.levels(orangeAtSeverity, redAtSeverity);
        categories = categories.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories);
    }

    /** The level for evidence whose most severe complaint has {@code maxSeverity}. */
    public AlertLevel levelFor(int maxSeverity) {
        return RuleValues.levelFor(maxSeverity, orangeAtSeverity, redAtSeverity);
    }
}
