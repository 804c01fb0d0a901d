package io.gridwatch.detect.hotspot;

import io.gridwatch.common.stats.NegativeBinomial;

/** The chance of a window's count on an ordinary day: the statistic every hotspot level is decided by. */
final class HotspotChance {

    private HotspotChance() {}

    /**
     * The chance that, around one resident's complaint, at least {@code residents − 1} other residents complain in
     * a window where {@code expected} usually do, with day-to-day over-dispersion {@code overdispersion}.
     *
     * <p>The test runs when a resident complains, so it must judge the others: that someone complains now makes a
     * busier day more likely. Under the model (a Poisson count whose rate varies by a gamma factor of mean 1 and
     * variance φ), given a complaint now the factor is size-biased — gamma with mean {@code 1 + φ} and variance
     * {@code φ(1 + φ)} — so the others are negative binomial with mean {@code expected·(1 + φ)} and over-dispersion
     * {@code φ/(1 + φ)}. Judged so, a test fires on an ordinary day with probability at most its threshold.
     */
    static double of(int residents, double expected, double overdispersion) {
        return NegativeBinomial.upperTail(residents - 1, expected * (1 + overdispersion),
                overdispersion / (1 + overdispersion));
    }
}
