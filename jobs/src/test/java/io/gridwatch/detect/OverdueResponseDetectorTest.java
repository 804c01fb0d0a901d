package io.gridwatch.detect;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timers and state of the overdue-response detector, driven by explicit watermarks. */
class OverdueResponseDetectorTest {

    /** The default SLA of a severity-4 complaint. */
    private static final Duration URGENT_SLA = Duration.ofHours(2);

    private KeyedBroadcastOperatorTestHarness<String, GridEvent, Rules, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(
                new OverdueResponseDetector(Detection.DEFAULT_RULES, Detection.REGISTRY), OverdueResponseDetector.KEY);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsWhenTheWatermarkPassesTheDeadlineAndLeavesNothingBehind() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());

        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)) - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("C-1");
            assertThat(alert.windowEnd()).isEqualTo(DAY_1.plus(URGENT_SLA));
        });
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void alertsWhenTheOnlyAnswerIsAPatrolOfAnotherGridReusingTheId() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());
        send(patrol("P-1", GRID_B, DAY_1.plus(Duration.ofHours(1)), PatrolKind.RESOLUTION, "C-1"));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(4))));

        assertThat(harness.extractOutputValues()).extracting(Alert::key).containsExactly("C-1");
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void staysQuietWhenAnsweredAndLeavesNothingBehind() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());
        send(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.RESOLUTION, "C-1"));

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(4))));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void staysQuietWhenTheAnswerCameBeforeItsComplaintAndLeavesNothingBehind() throws Exception {
        send(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.FOLLOWUP, "C-1"));
        send(complaint("C-1").at(DAY_1).severity(4).build());

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(4))));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void alertsWhenTheEarlierAnswerIsDatedBeforeTheComplaint() throws Exception {
        // An answer can only answer a complaint made before it.
        send(patrol("P-1", GRID_A, DAY_1.minus(Duration.ofMinutes(5)), PatrolKind.FOLLOWUP, "C-1"));
        send(complaint("C-1").at(DAY_1).severity(4).build());

        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)));
        assertThat(harness.extractOutputValues()).extracting(Alert::key).containsExactly("C-1");
    }

    @Test
    void dropsAnAnswerWhoseComplaintNeverComesOnceTheWatermarkPassesIt() throws Exception {
        send(patrol("P-1", GRID_A, DAY_1, PatrolKind.FOLLOWUP, "C-NEVER"));
        send(patrol("P-2", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.FOLLOWUP, "C-NEVER"));

        harness.processWatermark(at(DAY_1));
        assertThat(Harnesses.keyedStateEntries(harness)).as("the later answer still waits").isEqualTo(1);
        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(1))));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void takesTheSlaFromRulesPublishedWhileRunning() throws Exception {
        Rules halfHour = Detection.DEFAULT_RULES.withOverdueResponse(RuleSet.of(new OverdueResponseRule(
                Map.of(1, Duration.ofHours(72), 2, Duration.ofHours(24), 3, Duration.ofHours(12), 4, Duration.ofMinutes(30)),
                3, 4, Duration.ofDays(1))));
        harness.processBroadcastElement(halfHour, 0);
        send(complaint("C-1").at(DAY_1).severity(4).build());

        harness.processWatermark(at(DAY_1.plus(Duration.ofMinutes(30))));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert ->
                assertThat(alert.message()).contains("已超过30分钟未见网格员跟进或办结"));
    }

    private void send(GridEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(event, at(event.occurredAt())));
    }

    private static long at(Instant instant) {
        return instant.toEpochMilli();
    }
}
