package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.alert.AlertLevel;
import java.time.Duration;
import java.util.List;

/**
 * {@code grid_hotspot} (网格热点): complaints in a grid over a sliding window far above that grid's own baseline.
 *
 * @param windows the sliding windows tested, e.g. the last hour and the last day
 * @param baselineHalfLife half-life of the exponentially weighted hourly complaint rate that is each grid's baseline
 * @param priorPerDay the baseline rate (complaints per day) of a grid without history, and the floor of every
 *     baseline, so a grid that is usually silent does not alert on its second complaint
 * @param minCount the fewest complaints in a window that can make a hotspot
 * @param minDistinctComplainants the fewest distinct complainants: one person calling twenty times is a repeated
 *     dispute, not a hotspot
 * @param yellowP Poisson tail probability below which the window is a yellow hotspot; {@code orangeP} and
 *     {@code redP} are the stricter bounds for the higher levels
 */
public record GridHotspotRule(
        List<Duration> windows,
        Duration baselineHalfLife,
        double priorPerDay,
        int minCount,
        int minDistinctComplainants,
        double yellowP,
        double orangeP,
        double redP,
        Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public GridHotspotRule(
            @JsonProperty(value = "windows", required = true) List<String> windows,
            @JsonProperty(value = "baseline_half_life", required = true) String baselineHalfLife,
            @JsonProperty(value = "prior_per_day", required = true) double priorPerDay,
            @JsonProperty(value = "min_count", required = true) int minCount,
            @JsonProperty(value = "min_distinct_complainants", required = true) int minDistinctComplainants,
            @JsonProperty(value = "yellow_p", required = true) double yellowP,
            @JsonProperty(value = "orange_p", required = true) double orangeP,
            @JsonProperty(value = "red_p", required = true) double redP,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(
                RuleValues.positiveDurations("windows", windows),
                RuleValues.positiveDuration("baseline_half_life", baselineHalfLife),
                priorPerDay,
                minCount,
                minDistinctComplainants,
                yellowP,
                orangeP,
                redP,
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public GridHotspotRule {
        windows = windows.stream().sorted().toList();
        if (!(priorPerDay > 0)) {
            throw new IllegalArgumentException("prior_per_day must be positive, was " + priorPerDay);
        }
        if (minCount < 2) {
            throw new IllegalArgumentException("min_count must be at least 2, was " + minCount);
        }
        if (minDistinctComplainants < 1) {
            throw new IllegalArgumentException("min_distinct_complainants must be at least 1, was " + minDistinctComplainants);
        }
        if (!(0 < redP && redP <= orangeP && orangeP <= yellowP && yellowP < 1)) {
            throw new IllegalArgumentException(
                    "yellow_p, orange_p, red_p must satisfy 0 < red_p <= orange_p <= yellow_p < 1");
        }
    }

    /** The level of a window whose count has upper-tail probability {@code p}, or {@code null} if not a hotspot. */
    public AlertLevel levelFor(double p) {
        if (p < redP) {
            return AlertLevel.RED;
        }
        if (p < orangeP) {
            return AlertLevel.ORANGE;
        }
        return p < yellowP ? AlertLevel.YELLOW : null;
    }

    /** The longest window: how long complaints are kept. */
    public Duration longestWindow() {
        return windows.get(windows.size() - 1);
    }
}
