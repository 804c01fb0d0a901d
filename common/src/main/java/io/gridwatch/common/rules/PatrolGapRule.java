package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code patrol_gap} (定期走访巡查): a grid with no patrol for longer than its grid type allows.
 *
 * @param maxGap the longest a grid may go without a patrol
 * @param maxGapByGridType overrides of {@code maxGap} by the registry's grid {@code type}
 * @param allowedLateness how long after a deadline the alert waits for a visit made in time but synced late by an
 *     offline patrol app; a visit synced later still withdraws the alert
 */
public record PatrolGapRule(
        Duration maxGap, Map<String, Duration> maxGapByGridType, Duration allowedLateness, Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public PatrolGapRule(
            @JsonProperty(value = "max_gap", required = true) String maxGap,
            @JsonProperty(value = "max_gap_by_grid_type") Map<String, String> maxGapByGridType,
            @JsonProperty(value = "allowed_lateness", required = true) String allowedLateness,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(RuleValues.positiveDuration("max_gap", maxGap),
                RuleValues.durations("max_gap_by_grid_type", maxGapByGridType),
                RuleValues.nonNegativeDuration("allowed_lateness", allowedLateness),
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public PatrolGapRule {
        maxGapByGridType = new TreeMap<>(maxGapByGridType);
    }

    public Duration maxGapFor(String gridType) {
        return maxGapByGridType.getOrDefault(gridType, maxGap);
    }
}
