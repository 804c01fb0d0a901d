package io.gridwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.PascalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class NegativeBinomialTest {

    /** For a whole-numbered size the tail is commons-math's Pascal distribution, computed another way (by sums). */
    @ParameterizedTest(name = "P(X ≥ {0} | μ = {1}, size = {2})")
    @CsvSource({"1, 0.5, 5", "3, 0.5, 5", "10, 2.0, 10", "40, 10.0, 2", "60, 30.0, 20", "5, 20.0, 4", "200, 50.0, 10"})
    void agreesWithThePascalDistributionForAWholeSize(int k, double mean, int size) {
        PascalDistribution pascal = new PascalDistribution(size, size / (size + mean));
        double expected = 1 - pascal.cumulativeProbability(k - 1);

        assertThat(NegativeBinomial.upperTail(k, mean, 1.0 / size)).isCloseTo(expected, within(1e-9 + expected * 1e-7));
    }

    @Test
    void isThePoissonTailWithoutOverdispersion() {
        assertThat(NegativeBinomial.upperTail(10, 2.0, 0)).isEqualTo(Poisson.upperTail(10, 2.0));
    }

    @Test
    void hasAHeavierTailThanPoissonForTheSameMean() {
        // Over-dispersed counts reach far above their mean more often: the reason a flat Poisson test cries wolf.
        assertThat(NegativeBinomial.upperTail(80, 50, 0.1)).isGreaterThan(1000 * Poisson.upperTail(80, 50));
    }

    @Test
    void rejectsANegativeOverdispersion() {
        assertThatThrownBy(() -> NegativeBinomial.upperTail(3, 1.0, -0.1))
                .hasMessageContaining("overdispersion must be finite and not negative");
    }
}
