package io.gridwatch.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.stats.EmergingHotspots.Pattern;
import io.gridwatch.query.HotspotHistory.GridPattern;
import io.gridwatch.query.TrendQuery.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HotspotHistoryTest {

    /** Ten grids in a row, each the neighbour of the next. */
    private static List<Grid> row() {
        List<Grid> grids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> neighbours = new ArrayList<>();
            if (i > 0) {
                neighbours.add("G" + (i - 1));
            }
            if (i < 9) {
                neighbours.add("G" + (i + 1));
            }
            grids.add(new Grid("G" + i, "网格" + i, "社区", "街道", "区", "", "", new GeoPoint(30, 120), neighbours, null));
        }
        return grids;
    }

    @Test
    void findsNewHotspotsWhereTwoNeighboursBurstInTheLatestWeekOnly() {
        List<Period> weeks = new ArrayList<>();
        for (int week = 0; week < 5; week++) {
            Map<String, Long> counts = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                counts.put("G" + i, week == 4 && (i == 4 || i == 5) ? 50L : 1L);
            }
            weeks.add(new Period(LocalDate.of(2026, 3, 2).plusWeeks(week), counts));
        }

        List<GridPattern> patterns = HotspotHistory.analyse(row(), weeks);

        // G4 at the last week: (1 + 50 + 50 − 10.8·3) / (19.6 · √((10·3 − 9)/9)) = 68.6 / 29.94 = 2.29 > 1.96
        assertThat(patterns.get(4).latestZ()).isBetween(2.28, 2.30);
        assertThat(patterns).extracting(GridPattern::pattern).containsExactly(
                Pattern.NONE, Pattern.NONE, Pattern.NONE, Pattern.NONE, Pattern.NEW,
                Pattern.NEW, Pattern.NONE, Pattern.NONE, Pattern.NONE, Pattern.NONE);
        assertThat(patterns.get(4).hotSteps()).isEqualTo(1);
        assertThat(patterns.get(4).steps()).isEqualTo(5);
    }
}
