package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.alert.AlertLevel;
import java.time.Duration;

/**
 * {@code cluster_hotspot} (片区联动): neighbouring grids hot at the same time.
 *
 * @param minGrids the fewest neighbouring hot grids (connected through the registry's neighbours) that make a cluster
 * @param window how long a grid counts as hot after its latest hotspot alert, unless it recovers first
 * @param orangeAtGrids a cluster of at least this many grids is at least orange
 */
public record ClusterHotspotRule(int minGrids, Duration window, int orangeAtGrids, Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public ClusterHotspotRule(
            @JsonProperty(value = "min_grids", required = true) int minGrids,
            @JsonProperty(value = "window", required = true) String window,
            @JsonProperty(value = "orange_at_grids", required = true) int orangeAtGrids,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(minGrids, RuleValues.positiveDuration("window", window), orangeAtGrids,
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public ClusterHotspotRule {
        if (minGrids < 2) {
            throw new IllegalArgumentException("min_grids must be at least 2, was " + minGrids);
        }
        if (orangeAtGrids < minGrids) {
            throw new IllegalArgumentException("orange_at_grids must not be below min_grids");
        }
    }

    /** A cluster is as severe as its most severe grid, and at least orange when it is large. */
    public AlertLevel levelFor(int grids, AlertLevel mostSevereGrid) {
        AlertLevel bySize = grids >= orangeAtGrids ? AlertLevel.ORANGE : AlertLevel.YELLOW;
        return bySize.compareTo(mostSevereGrid) > 0 ? bySize : mostSevereGrid;
    }
}
