package io.gridwatch.common.stats;

import java.util.List;

/**
 * The nearest-rank percentile, as the daily rollup and the scorecards state medians and 90th percentiles: an actual
 * value (a complaint's time to answer), never one interpolated between two, so a hand count gives the same.
 */
public final class NearestRank {

    private NearestRank() {}

    /** The smallest of {@code sorted} with at least {@code p}% of the values at or below it; {@code null} if none. */
    public static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
