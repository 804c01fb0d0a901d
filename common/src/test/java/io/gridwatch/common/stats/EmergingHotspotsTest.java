package io.gridwatch.common.stats;

import static io.gridwatch.common.stats.EmergingHotspots.Pattern.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EmergingHotspotsTest {

    private static final double H = 2.5;
    private static final double C = -2.5;
    private static final double O = 0.3;

    @Test
    void computesGiStarByHand() {
        // Four locations on a line 0-1-2-3; one busy location. Mean 2.5, S = √(25 − 6.25) = 4.330.
        int[][] neighbourhoods = {{0, 1}, {0, 1, 2}, {1, 2, 3}, {2, 3}};
        double[] z = GetisOrd.giStar(new double[] {10, 0, 0, 0}, neighbourhoods);

        // Location 0: (10 − 2.5·2) / (4.330 · √((4·2 − 4)/3)) = 5 / 5.0 = 1.0
        assertThat(z[0]).isCloseTo(1.0, within(1e-9));
        // Location 1: (10 − 7.5) / (4.330 · √((12 − 9)/3)) = 2.5 / 4.330 = 0.577
        assertThat(z[1]).isCloseTo(0.57735, within(1e-5));
        // Location 3: (0 − 5) / 5.0 = −1.0
        assertThat(z[3]).isCloseTo(-1.0, within(1e-9));
        assertThat(GetisOrd.giStar(new double[] {3, 3, 3, 3}, neighbourhoods)).containsOnly(0.0);
    }

    @Test
    void testsTrendsByMannKendall() {
        // Strictly rising, n = 5: S = 10, Var = 5·4·15/18 = 16.67, Z = 9 / 4.08 = 2.20
        assertThat(MannKendall.z(new double[] {1, 2, 3, 4, 5})).isCloseTo(2.2045, within(1e-4));
        assertThat(MannKendall.z(new double[] {5, 4, 3, 2, 1})).isCloseTo(-2.2045, within(1e-4));
        assertThat(MannKendall.z(new double[] {1, 1, 1, 1})).isZero();
    }

    @Test
    void classifiesHistoriesLikeEmergingHotSpotAnalysis() {
        assertThat(EmergingHotspots.classify(new double[] {O, O, O, O, H})).isEqualTo(NEW);
        assertThat(EmergingHotspots.classify(new double[] {O, O, O, H, H})).isEqualTo(CONSECUTIVE);
        assertThat(EmergingHotspots.classify(new double[] {2.0, 2.5, 3.0, 3.5, 4.0})).isEqualTo(INTENSIFYING);
        assertThat(EmergingHotspots.classify(new double[] {H, H, H, H, H})).isEqualTo(PERSISTENT);
        assertThat(EmergingHotspots.classify(new double[] {4.0, 3.5, 3.0, 2.5, 2.0})).isEqualTo(DIMINISHING);
        assertThat(EmergingHotspots.classify(new double[] {H, O, H, O, H})).isEqualTo(SPORADIC);
        assertThat(EmergingHotspots.classify(new double[] {H, C, O, O, H})).isEqualTo(OSCILLATING);
        assertThat(EmergingHotspots.classify(new double[] {H, H, H, H, O})).isEqualTo(HISTORICAL);
        assertThat(EmergingHotspots.classify(new double[] {O, O, C, O, O})).isEqualTo(NONE);
    }
}
