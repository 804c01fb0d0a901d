package io.gridwatch.alerts;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_5;
import static io.gridwatch.common.testing.TestEvents.DAY_9;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.testing.TestRules;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.ExpectedAlerts;
import io.gridwatch.testing.Harnesses;
import io.gridwatch.topology.Detectors;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Suppression within the cool-down (7 days for repeated_dispute by default), its state and timers. */
@Tag("harness")
class AlertSuppressorTest {

    private KeyedBroadcastOperatorTestHarness<String, Alert, Rules, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new AlertSuppressor(Detection.DEFAULT_RULES, Detectors.recovering()), AlertSuppressor.KEY);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void passesTheFirstAlertThrough() throws Exception {
        Alert first = alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3");

        send(first);

        assertThat(harness.extractOutputValues()).containsExactly(first);
    }

    @Test
    void mergesFurtherEvidenceIntoTheOpenAlertUnderItsId() throws Exception {
        Alert first = alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3");
        send(first);

        send(alert(AlertLevel.YELLOW, DAY_2, DAY_3, "C-4", "C-5", "C-6"));

        Alert merged = harness.extractOutputValues().get(1);
        assertThat(merged.alertId()).isEqualTo(first.alertId());
        assertThat(merged.count()).isEqualTo(6);
        assertThat(merged.eventIds()).containsExactly("C-1", "C-2", "C-3", "C-4", "C-5", "C-6");
        assertThat(merged.windowStart()).isEqualTo(DAY_1);
        assertThat(merged.windowEnd()).isEqualTo(DAY_3);
        assertThat(merged.createdAt()).isEqualTo(first.createdAt());
        assertThat(merged.message()).endsWith("（冷却期内续报，已合并至同一预警，累计证据6条）");
    }

    @Test
    void raisesANewAlertWhenTheLevelRises() throws Exception {
        send(alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3"));
        Alert worse = alert(AlertLevel.RED, DAY_2, DAY_3, "C-4", "C-5", "C-6");

        send(worse);

        assertThat(harness.extractOutputValues()).last().isEqualTo(worse);
        send(alert(AlertLevel.ORANGE, DAY_3, DAY_3, "C-7", "C-8", "C-9"));
        assertThat(harness.extractOutputValues()).last().extracting(Alert::alertId).isEqualTo(worse.alertId());
    }

    @Test
    void raisesANewAlertAfterTheCoolDownAndLeavesNoStateOrTimers() throws Exception {
        Alert first = alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3");
        send(first);
        harness.processWatermark(DAY_9.toEpochMilli());
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        Alert later = alert(AlertLevel.YELLOW, DAY_9, DAY_9, "C-4", "C-5", "C-6");
        send(later);

        assertThat(harness.extractOutputValues()).containsExactly(first, later);
    }

    @Test
    void raisesANewAlertWhenTheCoolDownHasPassedBeforeTheWatermark() throws Exception {
        Alert first = alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3");
        send(first);
        Alert later = alert(AlertLevel.YELLOW, DAY_9, DAY_9, "C-4", "C-5", "C-6");

        send(later);

        assertThat(harness.extractOutputValues()).containsExactly(first, later);
    }

    @Test
    void marksTheLatestHotspotRecoveredAndLeavesNoStateOrTimers() throws Exception {
        Alert hot = hotspot(AlertLevel.RED, DAY_1, "C-1", "C-2", "C-3", "C-4", "C-5");
        send(hot);
        harness.processWatermark(DAY_3.toEpochMilli());
        Alert laterHot = hotspot(AlertLevel.RED, DAY_3, "C-6", "C-7", "C-8", "C-9", "C-10");
        send(laterHot);

        send(laterHot.recovered(DAY_5, "【已恢复·网格热点】…"));

        assertThat(harness.extractOutputValues()).last().satisfies(notice -> {
            assertThat(notice.alertId()).as("the alert staff saw, raised after the first one's cool-down")
                    .isEqualTo(laterHot.alertId());
            assertThat(notice.recoveredAt()).isEqualTo(DAY_5);
        });
        harness.processWatermark(DAY_9.toEpochMilli());
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void marksTheOpenHotspotRecoveredWhetherOrNotItsCoolDownTimerHasFired() throws Exception {
        Alert hot = hotspot(AlertLevel.ORANGE, DAY_1, "C-1", "C-2", "C-3", "C-4", "C-5");
        send(hot);
        Alert stillHot = hotspot(AlertLevel.ORANGE, DAY_1.plusSeconds(3600), "C-2", "C-3", "C-4", "C-5", "C-6");
        send(stillHot); // merged into the open alert
        harness.processWatermark(DAY_3.toEpochMilli()); // the 12 h cool-down is long over

        // The detector recovers the alert it raised last, which staff know by the open alert's id.
        send(stillHot.recovered(DAY_3.plusSeconds(60), "【已恢复·网格热点】…"));

        assertThat(harness.extractOutputValues()).last().satisfies(notice -> {
            assertThat(notice.alertId()).isEqualTo(hot.alertId());
            assertThat(notice.recoveredAt()).isEqualTo(DAY_3.plusSeconds(60));
        });
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void staysQuietWhenACoolDownChangeComesBeforeTheOpenAlertsTimer() throws Exception {
        Alert first = alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3");
        send(first);
        // The duty officer shortens the cool-down while the alert is open (7 d → 1 d) ...
        harness.processBroadcastElement(TestRules.defaultsWith("repeated_dispute", "cooldown", "1d"), 0);
        // ... and a worse alert replaces the open one: the timer deleted must be the one that was set (day 9).
        Alert worse = alert(AlertLevel.RED, DAY_3, DAY_3, "C-4", "C-5", "C-6");
        send(worse);

        harness.processWatermark(DAY_9.plusSeconds(1).toEpochMilli()); // once threw a NullPointerException here

        assertThat(harness.extractOutputValues()).containsExactly(first, worse);
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsTheCoolDownAnAlertStartedWithWhenTheRulesChange() throws Exception {
        Alert first = alert(AlertLevel.YELLOW, DAY_1, DAY_2, "C-1", "C-2", "C-3");
        send(first);
        harness.processBroadcastElement(TestRules.defaultsWith("repeated_dispute", "cooldown", "1d"), 0);

        send(alert(AlertLevel.YELLOW, DAY_5, DAY_5, "C-4", "C-5", "C-6"));

        assertThat(harness.extractOutputValues()).last().extracting(Alert::alertId)
                .as("merged: within the 7 days the open alert started with").isEqualTo(first.alertId());
    }

    @Test
    void marksEveryHotspotAlertOfTheConditionRecovered() throws Exception {
        Alert yellow = hotspot(AlertLevel.YELLOW, DAY_1, "C-1", "C-2", "C-3", "C-4", "C-5");
        Alert orange = hotspot(AlertLevel.ORANGE, DAY_1.plusSeconds(600), "C-1", "C-2", "C-3", "C-4", "C-5", "C-6");
        Alert red = hotspot(AlertLevel.RED, DAY_1.plusSeconds(1200), "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7");
        send(yellow);
        send(orange);
        send(red);

        send(red.recovered(DAY_2, "【已恢复·网格热点】…"));

        List<Alert> notices = harness.extractOutputValues().subList(3, harness.extractOutputValues().size());
        assertThat(notices).extracting(Alert::alertId)
                .containsExactly(yellow.alertId(), orange.alertId(), red.alertId());
        assertThat(notices).allSatisfy(notice -> assertThat(notice.recoveredAt()).isEqualTo(DAY_2));
        harness.processWatermark(DAY_9.toEpochMilli());
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsTheCountExactWhenAlertsListOnlyTheLatestEvidence() throws Exception {
        String[] first = java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "C-" + i).toArray(String[]::new);
        String[] next = java.util.stream.IntStream.range(0, 3001).mapToObj(i -> "C-" + i).toArray(String[]::new);
        Alert hot = hotspot(AlertLevel.RED, DAY_1, first);
        send(hot);

        send(hotspot(AlertLevel.RED, DAY_1.plusSeconds(20), next));

        Alert merged = harness.extractOutputValues().get(1);
        assertThat(hot.eventIds()).hasSize(Alert.MAX_EVIDENCE_IDS);
        assertThat(merged.count()).isEqualTo(3001);
        assertThat(merged.eventIds()).hasSize(Alert.MAX_EVIDENCE_IDS).last().isEqualTo("C-3000");
        assertThat(merged.message()).endsWith("累计证据3001条）");
    }

    private void send(Alert alert) throws Exception {
        harness.processElement(alert, alert.createdAt().toEpochMilli());
    }

    private static Alert hotspot(AlertLevel level, Instant at, String... eventIds) {
        Alert dispute = alert(level, at, at, eventIds);
        return new Alert(AlertId.of(GridHotspotDetector.NAME, dispute.gridId(), null, List.of(eventIds)),
                GridHotspotDetector.NAME, level, dispute.gridId(), dispute.gridName(), dispute.community(),
                dispute.street(), dispute.district(), null, at, at, eventIds.length, List.of(eventIds), "【网格热点】…",
                at, dispute.location());
    }

    private static Alert alert(AlertLevel level, Instant first, Instant last, String... eventIds) {
        return ExpectedAlerts.repeatedDisputeInGridA(level, 2, first, last, List.of(eventIds));
    }
}
