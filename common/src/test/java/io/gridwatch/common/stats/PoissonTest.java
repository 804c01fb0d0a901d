package io.gridwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class PoissonTest {

    /**
     * Known values of P(X ≥ k), X ~ Poisson(λ), computed with mpmath at 50 digits
     * ({@code gammainc(k, 0, λ, regularized=True)}) and cross-checked with SciPy's {@code poisson.sf(k - 1, λ)}; to 8
     * significant digits, which is what double-precision log-gamma keeps at k = 10^6.
     */
    @ParameterizedTest(name = "P(X ≥ {0} | λ = {1}) = {2}")
    @CsvSource({
        "1,       1e-6,      9.9999950000016662e-7",
        "2,       1e-6,      4.9999966666679162e-13",
        "5,       1e-6,      8.3333263888918632e-33",
        "1,       1.0,       0.63212055882855768",
        "3,       0.5,       0.014387677966970687",
        "10,      2.0,       4.6498075017263808e-5",
        "40,      10.0,      7.341636314560681e-13",
        "50,      30.0,      0.00051889146254803429",
        "5,       20.0,      0.9999830552560699",
        "1000,    1000.0,    0.50420524418021551",
        "1100,    1000.0,    0.00096263040586655716",
        "100000,  100000.0,  0.5004205221103651",
        "999000,  1e6,       0.84146575160332504",
        "1000000, 1e6,       0.50013298076087259",
        "1001000, 1e6,       0.15877621913777359",
        "1003000, 1e6,       0.0013580352726831283",
        "1000000, 999000.0,  0.15865521357430365",
        "10,      1e6,       1.0",
        "500000,  1e6,       1.0",
    })
    void matchesKnownValues(int k, double lambda, double expected) {
        assertThat(Poisson.upperTail(k, lambda)).isCloseTo(expected, within(expected * 1e-8));
    }

    /** Tails far below the smallest double (10^-494 and less) are 0, returned at once. */
    @ParameterizedTest(name = "P(X ≥ {0} | λ = {1}) underflows")
    @CsvSource({
        "171,     0.083333333333333333", // 171 complaints in an hour at the prior of 2 a day: 2.1e-494
        "200,     2.0",                  // 200 in a day at the prior: 2.8e-316, below the normal doubles
        "1000,    1.0",
        "1000000, 1.0",
        "1000000, 1e-6",
    })
    @Timeout(5)
    void isZeroWhenTheTailIsBelowTheSmallestDouble(int k, double lambda) {
        assertThat(Poisson.upperTail(k, lambda)).isBetween(0.0, Double.MIN_NORMAL);
    }

    /** The old summation looped forever once its first term underflowed; the timeout turns a hang into a failure. */
    @Test
    @Timeout(30)
    void neverHangsOverTheWholeRange() {
        for (int k = 1; k <= 1_000_000; k *= 3) {
            for (double lambda = 1e-6; lambda <= 1e6; lambda *= 7) {
                double p = Poisson.upperTail(k, lambda);
                assertThat(p).as("k=%d λ=%g", k, lambda).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void isOneForNoEventsAndFallsWithTheCount() {
        assertThat(Poisson.upperTail(0, 5.0)).isEqualTo(1.0);
        assertThat(Poisson.upperTail(5, 5.0)).isGreaterThan(Poisson.upperTail(10, 5.0));
    }

    @Test
    void refusesARateThatIsNotPositiveAndFinite() {
        assertThatThrownBy(() -> Poisson.upperTail(3, 0)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Poisson.upperTail(3, Double.NaN)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Poisson.upperTail(3, Double.POSITIVE_INFINITY)).hasMessageContaining("lambda");
    }
}
