package io.gridwatch.detect.hotspot;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Clusters of neighbouring hot grids (sample registry: A–B, A–C, B–D, C–D neighbours in 东湖街道). */
@Tag("harness")
class ClusterHotspotDetectorTest {

    private static final String A = "G-XF-01-01";
    private static final String B = "G-XF-01-02";
    private static final String C = "G-XF-02-01";
    private static final String VILLAGE = "G-CN-01-01";

    private KeyedBroadcastOperatorTestHarness<String, Alert, Rules, Alert> harness;
    private long watermark = Long.MIN_VALUE;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new ClusterHotspotDetector(Detection.DEFAULT_RULES, Detection.REGISTRY), Alert::street);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsForTheCommunityWhenTwoNeighbouringGridsAreHot() throws Exception {
        send(hotspot(A, AlertLevel.YELLOW, DAY_1, "C-1"));
        send(hotspot(B, AlertLevel.ORANGE, DAY_1.plus(Duration.ofHours(2)), "C-2"));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("cluster_hotspot");
            assertThat(alert.level()).isEqualTo(AlertLevel.ORANGE);
            assertThat(alert.gridId()).isEqualTo(A);
            assertThat(alert.key()).isEqualTo("东湖街道");
            assertThat(alert.community()).isEqualTo("幸福里社区");
            assertThat(alert.eventIds()).containsExactly("C-1", "C-2");
            assertThat(alert.message()).isEqualTo("【橙色预警·片区联动】东湖街道/幸福里社区：幸福里第一网格、幸福里第二网格等2个相邻网格同时出现诉求热点，"
                    + "请幸福里社区和街道治理指挥中心统筹调度、片区联动处置。");
        });
    }

    @Test
    void alertsOrangeForTheStreetWhenThreeGridsOfTwoCommunitiesAreHot() throws Exception {
        send(hotspot(B, AlertLevel.YELLOW, DAY_1, "C-2"));
        send(hotspot(C, AlertLevel.YELLOW, DAY_1, "C-3"));
        assertThat(harness.extractOutputValues()).as("B and C are not neighbours").isEmpty();

        send(hotspot(A, AlertLevel.YELLOW, DAY_1, "C-1"));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo(AlertLevel.ORANGE);
            assertThat(alert.community()).isEmpty();
            assertThat(alert.message()).contains("东湖街道：幸福里第一网格、幸福里第二网格、和平社区第一网格等3个相邻网格")
                    .contains("请街道治理指挥中心统筹调度");
        });
    }

    @Test
    void takesAlertsInEventTimeOrderWhateverOrderTheyArriveIn() throws Exception {
        Instant later = DAY_1.plus(Duration.ofMinutes(10));
        harness.processElement(hotspot(B, AlertLevel.YELLOW, later, "C-2"), later.toEpochMilli());
        Alert a = hotspot(A, AlertLevel.YELLOW, DAY_1, "C-1");
        harness.processElement(a.recovered(DAY_1.plus(Duration.ofMinutes(5)), "已恢复"), DAY_1.plus(Duration.ofMinutes(5)).toEpochMilli());
        harness.processElement(a, DAY_1.toEpochMilli());
        assertThat(harness.extractOutputValues()).as("nothing before the watermark").isEmpty();

        harness.processWatermark(later.toEpochMilli());

        assertThat(harness.extractOutputValues()).as("A had recovered when B became hot").isEmpty();
        harness.processElement(hotspot(A, AlertLevel.RED, later, "C-3"), later.toEpochMilli());
        harness.processWatermark(later.toEpochMilli() + 1);
        assertThat(harness.extractOutputValues()).extracting(Alert::level).containsExactly(AlertLevel.RED);
    }

    @Test
    void staysQuietWhenTheHotGridsAreNotNeighboursOrNotHotTogether() throws Exception {
        send(hotspot(A, AlertLevel.RED, DAY_1, "C-1"));
        send(hotspot(B, AlertLevel.RED, DAY_3, "C-2"));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void staysQuietOnceTheFirstGridHasRecovered() throws Exception {
        Alert a = hotspot(A, AlertLevel.YELLOW, DAY_1, "C-1");
        send(a);
        send(a.recovered(DAY_1.plus(Duration.ofHours(1)), "已恢复"));

        send(hotspot(B, AlertLevel.YELLOW, DAY_1.plus(Duration.ofHours(2)), "C-2"));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void leavesNoStateOrTimersWhenTheWindowsHaveEnded() throws Exception {
        send(hotspot(A, AlertLevel.YELLOW, DAY_1, "C-1"));
        send(hotspot(VILLAGE, AlertLevel.YELLOW, DAY_1, "C-9"));

        harness.processWatermark(DAY_1.plus(Duration.ofHours(24)).toEpochMilli());

        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** Sends the alert, then lets the watermark pass it: the detector takes alerts in event-time order. */
    private void send(Alert alert) throws Exception {
        Instant at = alert.recoveredAt() != null ? alert.recoveredAt() : alert.createdAt();
        harness.processElement(alert, at.toEpochMilli());
        watermark = Math.max(watermark, at.toEpochMilli()) + 1;
        harness.processWatermark(watermark);
    }

    private static Alert hotspot(String gridId, AlertLevel level, Instant at, String eventId) {
        Grid grid = Detection.REGISTRY.find(gridId).orElseThrow();
        return new Alert("grid_hotspot-" + eventId, "grid_hotspot", level, gridId, grid.name(), grid.community(),
                grid.street(), grid.district(), null, at, at, 1, List.of(eventId), "热点", at, grid.centroid());
    }
}
