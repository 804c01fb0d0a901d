package io.gridwatch.alerts;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_9;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import io.gridwatch.testing.ExpectedAlerts;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Suppression within the cool-down (7 days for repeated_dispute by default), its state and timers. */
class AlertSuppressorTest {

    private KeyedBroadcastOperatorTestHarness<String, Alert, Rules, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new AlertSuppressor(Detection.DEFAULT_RULES), AlertSuppressor.KEY);
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

    private void send(Alert alert) throws Exception {
        harness.processElement(alert, alert.createdAt().toEpochMilli());
    }

    private static Alert alert(AlertLevel level, Instant first, Instant last, String... eventIds) {
        return ExpectedAlerts.repeatedDisputeInGridA(level, 2, first, last, List.of(eventIds));
    }
}
