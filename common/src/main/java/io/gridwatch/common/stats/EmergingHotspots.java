package io.gridwatch.common.stats;

/**
 * Emerging hot spot analysis: classifies a location's history of Gi* z-scores (one per time step, oldest first) the
 * way ArcGIS's Emerging Hot Spot Analysis does, with hot meaning z > {@link #SIGNIFICANT} (p < 0.05) and the
 * intensity trend tested by Mann-Kendall on the z-scores.
 */
public final class EmergingHotspots {

    /** |z| above this is significant at the 95 % level. */
    public static final double SIGNIFICANT = 1.96;

    /** The pattern of a location's history, from the point of view of the latest time step. */
    public enum Pattern {
        /** Hot at the latest step only, never before. */
        NEW,
        /** A run of hot steps up to the latest, never hot before the run, under 90 % of steps hot. */
        CONSECUTIVE,
        /** Hot in at least 90 % of steps including the latest, getting hotter. */
        INTENSIFYING,
        /** Hot in at least 90 % of steps including the latest, without a trend. */
        PERSISTENT,
        /** Hot in at least 90 % of steps including the latest, cooling. */
        DIMINISHING,
        /** Hot at the latest step, on and off before, never cold. */
        SPORADIC,
        /** Hot at the latest step, and cold at some earlier step. */
        OSCILLATING,
        /** Not hot now, but hot in at least 90 % of the earlier steps. */
        HISTORICAL,
        /** None of the above. */
        NONE
    }

    private EmergingHotspots() {}

    public static Pattern classify(double[] z) {
        int n = z.length;
        if (n == 0) {
            return Pattern.NONE;
        }
        boolean[] hot = new boolean[n];
        int hotSteps = 0;
        boolean everCold = false;
        for (int t = 0; t < n; t++) {
            hot[t] = z[t] > SIGNIFICANT;
            hotSteps += hot[t] ? 1 : 0;
            everCold |= z[t] < -SIGNIFICANT;
        }
        boolean hotNow = hot[n - 1];
        if (!hotNow) {
            int hotBefore = hotSteps;
            return n > 1 && hotBefore >= 0.9 * (n - 1) && hotBefore > 0 ? Pattern.HISTORICAL : Pattern.NONE;
        }
        if (hotSteps >= 0.9 * n) {
            double trend = MannKendall.z(z);
            if (trend > SIGNIFICANT) {
                return Pattern.INTENSIFYING;
            }
            return trend < -SIGNIFICANT ? Pattern.DIMINISHING : Pattern.PERSISTENT;
        }
        if (hotSteps == 1) {
            return Pattern.NEW;
        }
        int run = 0;
        while (run < n && hot[n - 1 - run]) {
            run++;
        }
        if (run == hotSteps) {
            return Pattern.CONSECUTIVE;
        }
        return everCold ? Pattern.OSCILLATING : Pattern.SPORADIC;
    }
}
