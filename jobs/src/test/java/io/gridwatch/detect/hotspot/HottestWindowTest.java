package io.gridwatch.detect.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.testing.Detection;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The hotspot statistic's decision without Flink: which window is hot, and how hot. */
@Tag("unit")
class HottestWindowTest {

    private static final GridHotspotRule RULE = Detection.DEFAULT_RULES.gridHotspot().base(); // windows 1 h, 6 h, 24 h
    private static final long NOON = LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(CityTime.ZONE).toInstant().toEpochMilli();
    private static final Rhythm NEW_GRID = Rhythm.startingAt(NOON - 3_600_000L * 12); // the prior: a couple a day
    private static final boolean[] ALL = {true, true, true};

    @Test
    void staysQuietWhenNoWindowHoldsMoreResidentsThanUsual() {
        assertThat(HottestWindow.find(RULE, NEW_GRID, new int[] {1, 1, 2}, ALL, NOON, 1)).isNull();
    }

    @Test
    void alertsOnTheMostSevereWindowAndOfEquallySevereOnesTheLongest() {
        HottestWindow hot = HottestWindow.find(RULE, NEW_GRID, new int[] {40, 40, 40}, ALL, NOON, 1);

        assertThat(hot).isNotNull();
        assertThat(hot.level()).isEqualTo(AlertLevel.RED);
        assertThat(hot.index()).as("a red day says more than a red hour").isEqualTo(2);
        assertThat(hot.p()).isLessThan(RULE.threshold(NEW_GRID.level(RULE.priorPerDay())));
    }

    @Test
    void staysQuietForAWindowNotTestedOrBelowTheFloorOfResidents() {
        assertThat(HottestWindow.find(RULE, NEW_GRID, new int[] {12, 12, 12}, new boolean[] {false, false, false}, NOON, 1))
                .isNull();
        int floor = Math.max(RULE.minCount(), RULE.minDistinctComplainants());
        assertThat(HottestWindow.find(RULE, NEW_GRID, new int[] {floor - 1, floor - 1, floor - 1}, ALL, NOON, 1)).isNull();
    }
}
