package io.gridwatch.common.stats;

import org.apache.commons.math3.special.Gamma;

/** The Poisson distribution's upper tail, for testing whether a count is surprising given an expected rate. */
public final class Poisson {

    private Poisson() {}

    /**
     * P(X ≥ k) for X ~ Poisson(λ): the probability of seeing at least {@code k} events when {@code lambda} are
     * expected. It equals the regularised lower incomplete gamma function P(k, λ), which commons-math computes by a
     * series that always converges (or by a continued fraction where the tail is large), so neither a mass incident
     * (k in the hundreds of thousands) nor a rate of 10^-6 can make it loop: a tail below the smallest double is 0.
     */
    public static double upperTail(int k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be positive and finite, was " + lambda);
        }
        return Math.min(1.0, Math.max(0.0, Gamma.regularizedGammaP(k, lambda)));
    }
}
