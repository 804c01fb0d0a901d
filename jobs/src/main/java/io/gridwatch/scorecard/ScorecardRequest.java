package io.gridwatch.scorecard;

import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.notify.NotifyPolicy;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Which scorecard: the grids of a street or community, grouped {@code by} grid, community or street, for a month,
 * ranked by one measure.
 *
 * @param scope the grids measured
 * @param asOf when the scorecard is read: a month under way is measured up to it
 * @param policy escalation deadlines by level, for 预警签收及时率
 * @param patrolIntervalDays a grid type's patrol interval in days, for 走访覆盖率; types not named patrol daily
 */
public record ScorecardRequest(List<Grid> scope, Grouping by, YearMonth month, Measure rankBy, Instant asOf,
        NotifyPolicy policy, Map<String, Integer> patrolIntervalDays) {

    /** Villages (村) are visited weekly rather than daily. */
    public static final Map<String, Integer> DEFAULT_PATROL_INTERVALS = Map.of("village", 7);

    /** The grids of {@code registry} in the street or community named {@code value} of {@code within}. */
    public static List<Grid> gridsOf(GridRegistry registry, Grouping within, String value) {
        return registry.grids().stream().filter(grid -> within.of(grid).equals(value)).toList();
    }

    /** A grid's patrol interval in days. */
    int intervalOf(Grid grid) {
        return patrolIntervalDays.getOrDefault(grid.type(), 1);
    }

    /** The longest interval: how many days before the previous month patrols must be read. */
    int longestInterval() {
        return patrolIntervalDays.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}
