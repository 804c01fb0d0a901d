package io.gridwatch.common.stats;

import org.apache.commons.math3.special.Beta;

/**
 * The negative binomial distribution's upper tail, parameterised as counts are modelled in surveillance (e.g. the
 * improved Farrington algorithm): a Poisson count whose rate varies from day to day by a gamma-distributed factor
 * with mean 1 and variance {@code overdispersion}. Mean {@code μ}, variance {@code μ + overdispersion·μ²}; with
 * {@code overdispersion = 0} it is the Poisson distribution.
 */
public final class NegativeBinomial {

    /** Below this the gamma factor is all but constant, and the Poisson tail is exact enough. */
    private static final double POISSON_BELOW = 1e-9;

    private NegativeBinomial() {}

    /**
     * P(X ≥ k) for a count with mean {@code mean} and over-dispersion {@code overdispersion} (1/size). With size
     * {@code r = 1/overdispersion} and {@code q = μ/(μ + r)}, P(X ≥ k) is the regularised incomplete beta function
     * I_q(k, r), which commons-math evaluates by a continued fraction for any real size.
     */
    public static double upperTail(int k, double mean, double overdispersion) {
        if (!(overdispersion >= 0) || Double.isInfinite(overdispersion)) {
            throw new IllegalArgumentException("overdispersion must be finite and not negative, was " + overdispersion);
        }
        if (overdispersion < POISSON_BELOW) {
            return Poisson.upperTail(k, mean);
        }
        if (k <= 0) {
            return 1.0;
        }
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean must be positive and finite, was " + mean);
        }
        double size = 1 / overdispersion;
        double q = mean / (mean + size);
        return Math.min(1.0, Math.max(0.0, Beta.regularizedBeta(q, k, size)));
    }
}
