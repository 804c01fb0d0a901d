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
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Timers and state of the overdue-response detector, driven by explicit watermarks. */
@Tag("harness")
class OverdueResponseDetectorTest {

    /** The default SLA of a severity-4 complaint. */
    private static final Duration URGENT_SLA = Duration.ofHours(2);

    private KeyedBroadcastOperatorTestHarness<String, GridEvent, Rules, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(
                new OverdueResponseDetector(Detection.PROMPT_RULES, Detection.REGISTRY), OverdueResponseDetector.KEY);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsWhenTheWatermarkPassesTheDeadlineAndForgetsTheAlertOnceNoAnswerCanUpdateIt() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());

        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)) - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo("C-1");
            assertThat(alert.windowEnd()).isEqualTo(DAY_1.plus(URGENT_SLA));
        });
        assertThat(Harnesses.keyedStateEntries(harness)).as("the alert, for a late answer").isEqualTo(1);
        harness.processWatermark(at(DAY_1.plus(URGENT_SLA).plus(Duration.ofDays(30))));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void countsTheSlaFromAcceptanceNotFromTheIncident() throws Exception {
        // A quarrel last night, reported this morning: the 12345 clock starts at acceptance.
        send(complaint("C-1").at(DAY_1).reportedAfter(Duration.ofHours(10)).severity(4).build());

        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(10)).plus(URGENT_SLA)) - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(10)).plus(URGENT_SLA)));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(alert -> assertThat(alert.message()).contains("3月2日19:00受理的"));
    }

    @Test
    void staysQuietWhenAnAnswerGivenInTimeIsSyncedWithinTheAllowedLateness() throws Exception {
        useRules(Detection.DEFAULT_RULES); // allowed_lateness 30m
        send(complaint("C-1").at(DAY_1).severity(4).build());
        // Answered after one hour, synced by the patrol app 25 minutes past the deadline.
        sendAt(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.FOLLOWUP, "C-1"),
                DAY_1.plus(URGENT_SLA).plus(Duration.ofMinutes(25)));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(1))));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void withdrawsTheAlertWhenAnAnswerGivenInTimeIsSyncedAfterIt() throws Exception {
        useRules(Detection.DEFAULT_RULES);
        send(complaint("C-1").at(DAY_1).severity(4).build());
        harness.processWatermark(at(DAY_1.plus(URGENT_SLA).plus(Duration.ofMinutes(30))));
        Alert raised = harness.extractOutputValues().get(0);
        assertThat(raised.createdAt()).as("raised when the lateness allowed has passed")
                .isEqualTo(DAY_1.plus(URGENT_SLA).plus(Duration.ofMinutes(30)));

        Instant synced = DAY_1.plus(Duration.ofHours(5));
        sendAt(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.FOLLOWUP, "C-1"), synced);
        harness.processWatermark(at(synced));

        assertThat(harness.extractOutputValues()).hasSize(2).last().satisfies(update -> {
            assertThat(update.alertId()).isEqualTo(raised.alertId());
            assertThat(update.recoveredAt()).isEqualTo(synced);
            assertThat(update.message()).isEqualTo("【预警撤回·补录跟进】东湖街道/幸福里社区/幸福里第一网格：编号C-1的诉求已于"
                    + "3月2日10:00由网格员跟进，在时限内（跟进记录补录于3月2日14:00），此前的超时预警撤回。");
        });
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void closesTheAlertWhenAnAnswerAfterTheDeadlineComes() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());
        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)));
        send(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(3)), PatrolKind.RESOLUTION, "C-1"));
        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(3))));

        assertThat(harness.extractOutputValues()).hasSize(2).last().satisfies(update -> {
            assertThat(update.recoveredAt()).isEqualTo(DAY_1.plus(Duration.ofHours(3)));
            assertThat(update.message()).isEqualTo(
                    "【已跟进】东湖街道/幸福里社区/幸福里第一网格：编号C-1的诉求已于3月2日12:00由网格员跟进，超出时限1小时。");
        });
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void closesTheAlertAtTheFirstAnswerKnownWhateverOrderAnswersArriveIn() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());
        harness.processWatermark(at(DAY_1.plus(URGENT_SLA)));
        // Two patrol apps sync a day later; the later visit's record arrives first.
        Instant first = DAY_1.plus(Duration.ofDays(1));
        Instant second = first.plus(Duration.ofHours(1));
        send(patrol("P-2", GRID_A, second, PatrolKind.RESOLUTION, "C-1"));
        send(patrol("P-1", GRID_A, first, PatrolKind.FOLLOWUP, "C-1"));
        assertThat(harness.extractOutputValues()).as("held until the watermark passes the answer").hasSize(1);

        harness.processWatermark(at(second));

        assertThat(harness.extractOutputValues()).hasSize(2).last()
                .satisfies(update -> assertThat(update.recoveredAt()).isEqualTo(first));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void alertsWhenTheOnlyAnswerIsAPatrolOfAnotherGridReusingTheId() throws Exception {
        send(complaint("C-1").at(DAY_1).severity(4).build());
        send(patrol("P-1", GRID_B, DAY_1.plus(Duration.ofHours(1)), PatrolKind.RESOLUTION, "C-1"));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(4))));

        assertThat(harness.extractOutputValues()).extracting(Alert::key).containsExactly("C-1");
        assertThat(Harnesses.keyedStateEntries(harness)).as("only the alert, for a late answer").isEqualTo(1);
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
    void dropsAnAnswerWhoseComplaintNeverComesThreeDaysAfterTheLastAnswer() throws Exception {
        send(patrol("P-1", GRID_A, DAY_1, PatrolKind.FOLLOWUP, "C-NEVER"));
        send(patrol("P-2", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.FOLLOWUP, "C-NEVER"));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(3))));
        assertThat(Harnesses.keyedStateEntries(harness)).as("an intake may push the complaint late").isPositive();
        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(1)).plus(Duration.ofDays(3))));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void takesTheSlaFromRulesPublishedWhileRunning() throws Exception {
        Rules halfHour = Detection.PROMPT_RULES.withOverdueResponse(RuleSet.of(new OverdueResponseRule(
                Map.of(1, Duration.ofHours(72), 2, Duration.ofHours(24), 3, Duration.ofHours(12), 4, Duration.ofMinutes(30)),
                3, 4, Duration.ZERO, Duration.ofDays(1))));
        harness.processBroadcastElement(halfHour, 0);
        send(complaint("C-1").at(DAY_1).severity(4).build());

        harness.processWatermark(at(DAY_1.plus(Duration.ofMinutes(30))));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert ->
                assertThat(alert.message()).contains("已超过30分钟未见网格员跟进或办结"));
    }

    private void send(GridEvent event) throws Exception {
        sendAt(event, event.knownAt());
    }

    /** As the job stamps an event that came after the watermark had passed it: at its arrival. */
    private void sendAt(GridEvent event, Instant arrival) throws Exception {
        harness.processElement(new StreamRecord<>(event, at(arrival)));
    }

    private void useRules(Rules rules) throws Exception {
        harness.processBroadcastElement(rules, 0);
    }

    private static long at(Instant instant) {
        return instant.toEpochMilli();
    }
}
