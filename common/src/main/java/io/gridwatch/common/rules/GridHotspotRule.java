package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.alert.AlertLevel;
import java.time.Duration;
import java.util.List;

/**
 * {@code grid_hotspot} (网格热点): far more residents complaining in a grid over a sliding window than that grid's own
 * rhythm would bring.
 *
 * @param windows the sliding windows tested, e.g. the last hour and the last day
 * @param baselineHalfLife how fast a grid's learnt level, daily and weekly rhythm and over-dispersion forget: after
 *     this long, old history counts half
 * @param priorPerDay the level (residents complaining per day) assumed for a grid before it has history, worth one
 *     day of observation
 * @param priorOverdispersion the day-to-day variation assumed before a grid's own is known: the variance of the
 *     gamma factor by which a day's rate differs from the usual (0 = Poisson)
 * @param minCount the fewest residents in a window that can make a hotspot
 * @param minDistinctComplainants the fewest distinct complainants; the stricter of the two floors applies
 * @param falseAlarmsPer100GridWeeks the false-alarm budget: how many hotspot alerts per 100 grid-weeks an ordinary
 *     city may raise by chance. Each test's threshold is the budget shared out over the tests a grid makes in a
 *     week ({@link #threshold})
 * @param orangeFactor a window whose chance is this many times below the threshold is orange
 * @param redFactor ... and this many times below it, red
 */
public record GridHotspotRule(
        List<Duration> windows,
        Duration baselineHalfLife,
        double priorPerDay,
        double priorOverdispersion,
        int minCount,
        int minDistinctComplainants,
        double falseAlarmsPer100GridWeeks,
        double orangeFactor,
        double redFactor,
        Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public GridHotspotRule(
            @JsonProperty(value = "windows", required = true) List<String> windows,
            @JsonProperty(value = "baseline_half_life", required = true) String baselineHalfLife,
            @JsonProperty(value = "prior_per_day", required = true) double priorPerDay,
            @JsonProperty(value = "prior_overdispersion", required = true) double priorOverdispersion,
            @JsonProperty(value = "min_count", required = true) int minCount,
            @JsonProperty(value = "min_distinct_complainants", required = true) int minDistinctComplainants,
            @JsonProperty(value = "false_alarms_per_100_grid_weeks", required = true) double falseAlarmsPer100GridWeeks,
            @JsonProperty(value = "orange_factor", required = true) double orangeFactor,
            @JsonProperty(value = "red_factor", required = true) double redFactor,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(
                RuleValues.positiveDurations("windows", windows),
                RuleValues.positiveDuration("baseline_half_life", baselineHalfLife),
                priorPerDay,
                priorOverdispersion,
                minCount,
                minDistinctComplainants,
                falseAlarmsPer100GridWeeks,
                orangeFactor,
                redFactor,
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public GridHotspotRule {
        windows = windows.stream().sorted().toList();
        if (!(priorPerDay > 0)) {
            throw new IllegalArgumentException("prior_per_day must be positive, was " + priorPerDay);
        }
        if (!(priorOverdispersion >= 0 && priorOverdispersion <= 10)) {
            throw new IllegalArgumentException("prior_overdispersion must be 0-10, was " + priorOverdispersion);
        }
        if (minCount < 2) {
            throw new IllegalArgumentException("min_count must be at least 2, was " + minCount);
        }
        if (minDistinctComplainants < 1) {
            throw new IllegalArgumentException("min_distinct_complainants must be at least 1, was " + minDistinctComplainants);
        }
        if (!(falseAlarmsPer100GridWeeks > 0 && falseAlarmsPer100GridWeeks <= 100)) {
            throw new IllegalArgumentException(
                    "false_alarms_per_100_grid_weeks must be above 0 and at most 100, was " + falseAlarmsPer100GridWeeks);
        }
        if (!(1 <= orangeFactor && orangeFactor <= redFactor && redFactor < 1e12)) {
            throw new IllegalArgumentException("orange_factor, red_factor must satisfy 1 <= orange_factor <= red_factor");
        }
    }

    /**
     * The chance below which a window is a hotspot, for a grid where {@code residentsPerDay} residents usually
     * complain. Every resident who complains is a test, so a grid makes about {@code 7 × residentsPerDay} tests a
     * week; a test fires by chance with probability at most its threshold, so sharing the weekly budget
     * ({@code false_alarms_per_100_grid_weeks / 100}) out over them bounds the expected chance alerts per grid-week by
     * the budget, however busy the grid (a Bonferroni bound over the week's tests). A resident tests every window at
     * once, and those tests are not shared out further: a resident who takes the hour over the bar mostly takes the
     * six hours with it, and the suppressor merges them — the quality benchmark (QUALITY.md) measures the bound held.
     */
    public double threshold(double residentsPerDay) {
        double testsPerWeek = Math.max(1, 7 * residentsPerDay);
        return falseAlarmsPer100GridWeeks / 100 / testsPerWeek;
    }

    /**
     * The level of a window whose chance is {@code p} against {@code threshold}: yellow at or below it, orange
     * {@code orange_factor} times below, red {@code red_factor} times below; {@code null} above it.
     */
    public AlertLevel levelFor(double p, double threshold) {
        if (p <= threshold / redFactor) {
            return AlertLevel.RED;
        }
        if (p <= threshold / orangeFactor) {
            return AlertLevel.ORANGE;
        }
        return p <= threshold ? AlertLevel.YELLOW : null;
    }

    /** The longest window: how long complaints are kept. */
    public Duration longestWindow() {
        return windows.get(windows.size() - 1);
    }
}
