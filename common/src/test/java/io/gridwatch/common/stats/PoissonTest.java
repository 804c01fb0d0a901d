package io.gridwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoissonTest {

    @Test
    void matchesHandComputedTails() {
        // λ = 1: P(X ≥ 1) = 1 - e^-1; P(X ≥ 3) = 1 - e^-1 (1 + 1 + 1/2)
        assertThat(Poisson.upperTail(1, 1.0)).isCloseTo(1 - Math.exp(-1), within(1e-12));
        assertThat(Poisson.upperTail(3, 1.0)).isCloseTo(1 - Math.exp(-1) * 2.5, within(1e-12));
        // λ = 2, k = 10: 1 - Σ_{i<10} e^-2 2^i / i! = 4.6498e-5
        assertThat(Poisson.upperTail(10, 2.0)).isCloseTo(4.6498e-5, within(1e-8));
    }

    @Test
    void isOneForNoEventsAndFallsWithTheCount() {
        assertThat(Poisson.upperTail(0, 5.0)).isEqualTo(1.0);
        assertThat(Poisson.upperTail(5, 5.0)).isGreaterThan(Poisson.upperTail(10, 5.0));
    }

    @Test
    void staysFiniteForLargeRatesAndCounts() {
        double p = Poisson.upperTail(1500, 1000.0);
        assertThat(p).isGreaterThan(0).isLessThan(1e-40);
        assertThat(Poisson.upperTail(1000, 1000.0)).isCloseTo(0.5, within(0.02));
    }
}
