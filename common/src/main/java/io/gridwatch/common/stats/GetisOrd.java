package io.gridwatch.common.stats;

/**
 * The Getis-Ord Gi* statistic: how much a location and its neighbours together stand out from all locations, as a
 * z-score. Binary weights: a location's neighbourhood is itself and its neighbours.
 *
 * <pre>
 *   Gi* = (Σj wij xj − X̄ Σj wij) / (S √((n Σj wij² − (Σj wij)²) / (n − 1)))
 * </pre>
 * with X̄ and S the mean and (population) standard deviation of all n values.
 */
public final class GetisOrd {

    private GetisOrd() {}

    /**
     * @param values the value of every location at one time step
     * @param neighbourhoods for each location, the indices of its neighbourhood (itself included)
     * @return the Gi* z-score of every location; 0 where all values are equal
     */
    public static double[] giStar(double[] values, int[][] neighbourhoods) {
        int n = values.length;
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= n;
        double squares = 0;
        for (double value : values) {
            squares += value * value;
        }
        double s = Math.sqrt(Math.max(0, squares / n - mean * mean));
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int[] neighbourhood = neighbourhoods[i];
            double weightedSum = 0;
            for (int j : neighbourhood) {
                weightedSum += values[j];
            }
            double weights = neighbourhood.length;
            double spread = s * Math.sqrt((n * weights - weights * weights) / (n - 1));
            z[i] = s == 0 || spread == 0 ? 0 : (weightedSum - mean * weights) / spread;
        }
        return z;
    }
}
