package io.gridwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MannKendallTest {

    @Test
    void matchesTheTextbookValueWithoutTies() {
        // 1..5 rising: S = 10, Var = 5·4·15/18 = 16.67, Z = 9/√16.67
        assertThat(MannKendall.z(new double[] {1, 2, 3, 4, 5})).isCloseTo(9 / Math.sqrt(300.0 / 18), within(1e-12));
    }

    @Test
    void correctsTheVarianceForTies() {
        // 1, 2, 2, 3: S = 5; Var = (4·3·13 − 2·1·9)/18 = 138/18 (uncorrected 156/18 would give Z = 1.359)
        assertThat(MannKendall.z(new double[] {1, 2, 2, 3})).isCloseTo(4 / Math.sqrt(138.0 / 18), within(1e-12));
        // a Gi* series mostly at 0: four weeks of 0 then one hot week: S = 4, Var = (300 − 156)/18 = 8
        assertThat(MannKendall.z(new double[] {0, 0, 0, 0, 1.5})).isCloseTo(3 / Math.sqrt(8), within(1e-12));
        assertThat(MannKendall.z(new double[] {1.5, 0, 0, 0, 0})).isCloseTo(-3 / Math.sqrt(8), within(1e-12));
    }

    @Test
    void isZeroForAConstantOrShortSeries() {
        assertThat(MannKendall.z(new double[] {0, 0, 0, 0, 0, 0})).isZero();
        assertThat(MannKendall.z(new double[] {1, 2})).isZero();
    }
}
