package io.gridwatch.common.stats;

/**
 * The Mann-Kendall trend test: whether a series rises or falls monotonically more than chance would make it, as a
 * z-score (positive: rising). S = Σ(i<j) sign(xj − xi), Var(S) = n(n−1)(2n+5)/18 (ties not corrected),
 * Z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, 0 otherwise.
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
        double variance = n * (n - 1.0) * (2 * n + 5) / 18;
        if (s > 0) {
            return (s - 1) / Math.sqrt(variance);
        }
        return s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
    }
}
