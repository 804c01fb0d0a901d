package io.gridwatch.common.stats;

/** The Poisson distribution's upper tail, for testing whether a count is surprising given an expected rate. */
public final class Poisson {

    private Poisson() {}

    /**
     * P(X ≥ k) for X ~ Poisson(λ): the probability of seeing at least {@code k} events when {@code lambda} are
     * expected. Summed from k upwards in log space, so large λ and k neither underflow nor overflow.
     */
    public static double upperTail(int k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive, was " + lambda);
        }
        double logLambda = Math.log(lambda);
        double logTerm = -lambda + k * logLambda - logFactorial(k);
        double sum = 0;
        for (int i = k; ; i++) {
            double term = Math.exp(logTerm);
            sum += term;
            // Terms fall once i exceeds λ; stop when the rest cannot matter.
            if (i > lambda && term < sum * 1e-15) {
                break;
            }
            logTerm += logLambda - Math.log(i + 1);
        }
        return Math.min(1.0, sum);
    }

    private static double logFactorial(int n) {
        double sum = 0;
        for (int i = 2; i <= n; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
