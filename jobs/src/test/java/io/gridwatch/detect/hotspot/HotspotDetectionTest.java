package io.gridwatch.detect.hotspot;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.testing.Detection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Both hotspot detectors and suppression in the whole detection topology, on a MiniCluster at parallelism 2. */
@Tag("minicluster")
class HotspotDetectionTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    @Test
    void alertsEachHotGridOnceAndTheirClusterWhenNeighboursBurstTogether() throws Exception {
        List<GridEvent> events = new ArrayList<>();
        events.addAll(burst("A", "G-XF-01-01", 6));
        events.addAll(burst("B", "G-XF-01-02", 6));

        List<Alert> alerts = Detection.run(Detection.DEFAULT_RULES, Duration.ofHours(1), events.toArray(GridEvent[]::new));

        List<Alert> hotspots = alerts.stream().filter(a -> a.detector().equals("grid_hotspot")).toList();
        assertThat(hotspots).extracting(Alert::gridId).containsOnly("G-XF-01-01", "G-XF-01-02");
        // Per grid: yellow at its fifth resident, orange at its sixth (a higher level is a new alert; later complaints
        // of the same level would update it under its id), and the end of input recovers both.
        for (String grid : List.of("G-XF-01-01", "G-XF-01-02")) {
            List<Alert> mine = hotspots.stream().filter(a -> a.gridId().equals(grid)).toList();
            assertThat(mine.stream().filter(a -> a.recoveredAt() == null).map(Alert::level))
                    .containsExactly(AlertLevel.YELLOW, AlertLevel.ORANGE);
            assertThat(mine.stream().map(Alert::alertId).distinct()).hasSize(2);
            assertThat(mine).filteredOn(a -> a.recoveredAt() != null).hasSize(2);
        }
        assertThat(alerts).as("all alerts: %s", alerts.stream().map(a -> a.detector() + "/" + a.gridId() + "/" + a.level()
                        + "/" + a.createdAt() + "/" + a.recoveredAt()).toList())
                .filteredOn(a -> a.detector().equals("cluster_hotspot"))
                .extracting(Alert::gridId, Alert::level)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("G-XF-01-01", AlertLevel.YELLOW),
                        org.assertj.core.groups.Tuple.tuple("G-XF-01-01", AlertLevel.ORANGE));
    }

    @Test
    void staysQuietWhenComplaintsArriveAtTheUsualPace() throws Exception {
        List<GridEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(complaint("C-" + i).at(DAY_1.plus(Duration.ofHours(12L * i))).category(Category.NOISE)
                    .complainant("居民", "1390000000" + i).build());
        }

        assertThat(Detection.run(Detection.DEFAULT_RULES, Duration.ofHours(1), events.toArray(GridEvent[]::new)))
                .filteredOn(a -> a.detector().endsWith("hotspot"))
                .isEmpty();
    }

    private static List<GridEvent> burst(String prefix, String gridId, int complaints) {
        List<GridEvent> events = new ArrayList<>();
        for (int i = 0; i < complaints; i++) {
            events.add(complaint(prefix + "-" + i).grid(gridId).at(DAY_1.plus(Duration.ofMinutes(5L * i)))
                    .category(Category.SANITATION).complainant("居民" + i, "1380000" + prefix.hashCode() % 100 + i).build());
        }
        return events;
    }
}
