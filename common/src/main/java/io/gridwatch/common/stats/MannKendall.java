package io.gridwatch.common.stats;

import java.util.Arrays;

/**
 * The Mann-Kendall trend test: whether a series rises or falls monotonically more than chance would make it, as a
 * z-score (positive: rising). S = Σ(i<j) sign(xj − xi); the variance is corrected for ties, which a series of weekly
 * Gi* scores (many weeks at the same value, often 0) is full of: Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over
 * each group of t equal values; Z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, 0 otherwise or when every
 * value is the same.
 */
public final class MannKendall {

    private MannKendall() {}

    public static double z(double[] series) {
        int n = series.length;
        if (n < 3) {
            return 0;
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += (long) Math.signum(series[j] - series[i]);
            }
        }
        double variance = (n * (n - 1.0) * (2 * n + 5) - tieTerm(series)) / 18;
        if (variance <= 0) {
            return 0;
        }
        if (s > 0) {
            return (s - 1) / Math.sqrt(variance);
        }
        return s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
    }

    /** Σ t(t−1)(2t+5) over the groups of t equal values. */
    private static double tieTerm(double[] series) {
        double[] sorted = series.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * (t - 1) * (2 * t + 5);
            i = j + 1;
        }
        return sum;
    }
}
