package io.gridwatch.detect;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.rules.PatrolGapRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.testing.TestRules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Timers and state of the patrol-gap detector, driven by explicit watermarks. */
@Tag("harness")
class PatrolGapDetectorTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final String VILLAGE = "G-CN-01-01";

    private KeyedBroadcastOperatorTestHarness<String, Patrol, Rules, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new PatrolGapDetector(Detection.PROMPT_RULES, Detection.REGISTRY), Patrol::gridId);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsYellowWhenTheWatermarkPassesTheDeadlineWithoutAnotherEvent() throws Exception {
        visit("P-1", GRID_A, DAY_1);

        harness.processWatermark(at(DAY_1.plus(WEEK)) - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(at(DAY_1.plus(WEEK)));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("patrol_gap");
            assertThat(alert.level()).isEqualTo(AlertLevel.YELLOW);
            assertThat(alert.gridId()).isEqualTo(GRID_A);
            assertThat(alert.windowStart()).isEqualTo(DAY_1);
            assertThat(alert.windowEnd()).isEqualTo(DAY_1.plus(WEEK));
            assertThat(alert.message()).isEqualTo("【黄色预警·网格走访缺位】东湖街道/幸福里社区/幸福里第一网格："
                    + "自3月2日09:00最后一次走访巡查以来已7天无网格员到访，请幸福里社区督促网格员尽快入户走访。");
        });
    }

    @Test
    void alertsWhenThePatrolEndingAGapArrivesBeforeTheWatermarkPassedItsDeadline() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        // A fast replay: the next patrol, ten days later, arrives while the watermark is still at the first.
        visit("P-2", GRID_A, DAY_1.plus(Duration.ofDays(10)));
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(10))));

        assertThat(harness.extractOutputValues()).hasSize(2).first().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo(AlertLevel.YELLOW);
            assertThat(alert.createdAt()).isEqualTo(DAY_1.plus(WEEK));
        });
        assertThat(harness.extractOutputValues().get(1).recoveredAt()).as("the second patrol ended the gap")
                .isEqualTo(DAY_1.plus(Duration.ofDays(10)));
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(16))));
        assertThat(harness.extractOutputValues()).as("the new deadline is the second patrol's").hasSize(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void staysQuietWhenTheGridIsVisitedBeforeTheDeadline() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        visit("P-2", GRID_A, DAY_1.plus(Duration.ofDays(6)));

        harness.processWatermark(at(DAY_1.plus(WEEK)));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void staysQuietWhenAnEarlierPatrolArrivesAfterALaterOne() throws Exception {
        visit("P-0", GRID_A, DAY_1);
        harness.processWatermark(at(DAY_1));
        // Read from two partitions: the patrol of day 10 comes before the one of day 5 that ended the first gap.
        visit("P-2", GRID_A, DAY_1.plus(Duration.ofDays(10)));
        visit("P-1", GRID_A, DAY_1.plus(Duration.ofDays(5)));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(11))));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("only the deadline after day 10").isEqualTo(1);
    }

    @Test
    void staysQuietWhenAPatrolComesExactlyAtTheDeadline() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        visit("P-2", GRID_A, DAY_1.plus(WEEK));

        harness.processWatermark(at(DAY_1.plus(WEEK)));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void ignoresAnOlderPatrolArrivingLate() throws Exception {
        visit("P-2", GRID_A, DAY_1.plus(Duration.ofDays(3)));
        visit("P-1", GRID_A, DAY_1);

        harness.processWatermark(at(DAY_1.plus(WEEK)));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(10))));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void givesVillagesTheirLongerGap() throws Exception {
        visit("P-1", VILLAGE, DAY_1);

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(13))));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(14))));
        assertThat(harness.extractOutputValues()).extracting(Alert::gridId).containsExactly(VILLAGE);
    }

    @Test
    void escalatesEveryFurtherGapThenKeepsOnlyWhatItsRecoveryNeeds() throws Exception {
        visit("P-1", GRID_A, DAY_1);

        harness.processWatermark(at(DAY_1.plus(WEEK.multipliedBy(5))));

        assertThat(harness.extractOutputValues())
                .extracting(Alert::level)
                .containsExactly(AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED);
        assertThat(Harnesses.keyedStateEntries(harness)).as("the last visit and the gaps reported").isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();

        visit("P-2", GRID_A, DAY_1.plus(WEEK.multipliedBy(6)));
        harness.processWatermark(at(DAY_1.plus(WEEK.multipliedBy(6))));
        assertThat(harness.extractOutputValues()).last().satisfies(recovery -> {
            assertThat(recovery.level()).isEqualTo(AlertLevel.RED);
            assertThat(recovery.recoveredAt()).isEqualTo(DAY_1.plus(WEEK.multipliedBy(6)));
            assertThat(recovery.message()).startsWith("【已走访】");
        });
    }

    @Test
    void staysQuietWhenAVisitMadeInTimeIsSyncedWithinTheAllowedLateness() throws Exception {
        harness.processBroadcastElement(Detection.DEFAULT_RULES, 0); // allowed_lateness 12h
        visit("P-1", GRID_A, DAY_1);
        // Visited on day 6, offline; synced six hours past the deadline.
        harness.processElement(patrol("P-2", GRID_A, DAY_1.plus(Duration.ofDays(6)), PatrolKind.VISIT, null),
                at(DAY_1.plus(WEEK).plus(Duration.ofHours(6))));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(13))));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void withdrawsTheGapAlertWhenAVisitMadeInTimeIsSyncedAfterIt() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        harness.processWatermark(at(DAY_1.plus(WEEK)));
        Alert raised = harness.extractOutputValues().get(0);

        Instant synced = DAY_1.plus(Duration.ofDays(8));
        harness.processElement(patrol("P-2", GRID_A, DAY_1.plus(Duration.ofDays(6)), PatrolKind.VISIT, null),
                at(synced));
        harness.processWatermark(at(synced));

        assertThat(harness.extractOutputValues()).hasSize(2).last().satisfies(update -> {
            assertThat(update.alertId()).isEqualTo(raised.alertId());
            assertThat(update.recoveredAt()).isEqualTo(synced);
            assertThat(update.message()).isEqualTo("【预警撤回·补录走访】东湖街道/幸福里社区/幸福里第一网格：网格员已于3月8日09:00"
                    + "到访（走访记录补录于3月10日09:00），未超出走访间隔，此前的走访缺位预警撤回。");
        });
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(13)).minusMillis(1)));
        assertThat(harness.extractOutputValues()).as("the next deadline is the synced visit's").hasSize(2);
    }

    @Test
    void appliesAShorterGapPublishedWhileRunning() throws Exception {
        Rules everyDay = Detection.PROMPT_RULES.withPatrolGap(RuleSet.of(new PatrolGapRule(
                Duration.ofDays(1), java.util.Map.of(), Duration.ZERO, Duration.ofDays(1))));
        harness.processBroadcastElement(everyDay, at(DAY_1));

        visit("P-1", GRID_A, DAY_1);
        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(1))));

        assertThat(harness.extractOutputValues()).extracting(Alert::level).containsExactly(AlertLevel.YELLOW);
    }

    @Test
    void escalatesByTheDeadlinesPassedWhenTheGapIsRaisedWhileOpen() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        harness.processWatermark(at(DAY_1.plus(WEEK))); // yellow at day 8, next deadline day 15
        // The duty officer allows 30 days now: the level must not be derived from 14 days / 30 days (= 0).
        harness.processBroadcastElement(TestRules.defaultsWith("patrol_gap", "max_gap", "30d"), 0);

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(14 + 30))));

        assertThat(harness.extractOutputValues()).extracting(Alert::level)
                .containsExactly(AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void staysQuietWhenAPatrolHeldAtTheDeadlineInstantOutlivesAnEarlierOne() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        harness.processWatermark(at(DAY_1));
        // Synced in this order: a visit exactly at the deadline (its timer is the deadline's), then one before it,
        // whose new deadline replaces the old one — without deleting the timer the held visit waits for.
        visit("P-3", GRID_A, DAY_1.plus(WEEK));
        visit("P-2", GRID_A, DAY_1.plus(Duration.ofDays(3)));

        harness.processWatermark(at(DAY_1.plus(Duration.ofDays(13))));

        assertThat(harness.extractOutputValues()).as("visited on days 4 and 8: no gap by day 14").isEmpty();
        harness.processWatermark(at(DAY_1.plus(WEEK.multipliedBy(2))));
        assertThat(harness.extractOutputValues()).singleElement()
                .extracting(Alert::windowStart).isEqualTo(DAY_1.plus(WEEK));
    }

    @Test
    void alertsForAGridNeverPatrolledSinceItWasFirstWatched() throws Exception {
        harness.processElement(WatchStarts.patrols(GRID_B, DAY_1), at(DAY_1));

        harness.processWatermark(at(DAY_1.plus(WEEK)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.gridId()).isEqualTo(GRID_B);
            assertThat(alert.level()).isEqualTo(AlertLevel.YELLOW);
            assertThat(alert.message()).contains("自3月2日09:00开始监测以来7天无任何网格员走访记录");
        });
    }

    @Test
    void staysQuietWhenAWatchStartComesForAGridAlreadyWatched() throws Exception {
        visit("P-1", GRID_A, DAY_1);
        harness.processWatermark(at(DAY_1));
        // A restored job marks every grid watched again: the grid's own deadline stands.
        harness.processElement(WatchStarts.patrols(GRID_A, DAY_1.plus(Duration.ofDays(3))),
                at(DAY_1.plus(Duration.ofDays(3))));

        harness.processWatermark(at(DAY_1.plus(WEEK)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.windowStart()).isEqualTo(DAY_1);
            assertThat(alert.message()).contains("最后一次走访巡查");
        });
    }

    private void visit(String id, String gridId, Instant at) throws Exception {
        harness.processElement(patrol(id, gridId, at, PatrolKind.VISIT, null), at(at));
    }

    private static long at(Instant instant) {
        return instant.toEpochMilli();
    }
}
