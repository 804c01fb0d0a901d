package io.gridwatch.detect;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** State and timers of the new-category detector. */
@Tag("harness")
class NewCategoryDetectorTest {

    private static final Duration LOOKBACK = Duration.ofDays(90);

    private KeyedBroadcastOperatorTestHarness<String, Complaint, Rules, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new NewCategoryDetector(Detection.DEFAULT_RULES, Detection.REGISTRY), NewCategoryDetector.KEY);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsYellowOnTheFirstComplaintOfAWatchedCategory() throws Exception {
        send(wages("C-1", GRID_A, DAY_1));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("new_category");
            assertThat(alert.level()).isEqualTo(AlertLevel.YELLOW);
            assertThat(alert.key()).isEqualTo("wage_arrears");
            assertThat(alert.eventIds()).containsExactly("C-1");
            assertThat(alert.message()).startsWith("【黄色预警·新类型问题】东湖街道/幸福里社区/幸福里第一网格：3月2日09:00出现90天以来首例欠薪纠纷投诉");
        });
    }

    @Test
    void masksPersonalNumbersAResidentWroteIntoTheAddress() throws Exception {
        send(complaint("C-1").grid(GRID_A).at(DAY_1).category(Category.WAGE_ARREARS)
                .subject(new Subject("工地宿舍，老板电话13912345678", "P-1")).build());

        assertThat(harness.extractOutputValues()).singleElement().extracting(Alert::message).asString()
                .contains("（工地宿舍，老板电话139****5678）").doesNotContain("13912345678");
    }

    @Test
    void staysQuietOnTheNextComplaintWithinTheLookback() throws Exception {
        send(wages("C-1", GRID_A, DAY_1));
        send(wages("C-2", GRID_A, DAY_1.plus(LOOKBACK).minusMillis(1)));

        assertThat(harness.extractOutputValues()).extracting(Alert::eventIds).containsExactly(java.util.List.of("C-1"));
    }

    @Test
    void alertsAgainOnceTheLookbackHasPassedAndLeavesNoState() throws Exception {
        send(wages("C-1", GRID_A, DAY_1));
        harness.processWatermark(DAY_1.plus(LOOKBACK).toEpochMilli());
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        send(wages("C-2", GRID_A, DAY_1.plus(LOOKBACK).plusSeconds(1)));

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void staysQuietWhileLearningThenAlertsOnceTheLookbackIsWatched() throws Exception {
        // Watched from day 1 (a fresh start): a first within 90 days of it says nothing new.
        send(WatchStarts.complaints(GRID_A, Category.WAGE_ARREARS, DAY_1));
        send(WatchStarts.complaints(GRID_B, Category.WAGE_ARREARS, DAY_1));
        send(wages("C-1", GRID_A, DAY_1.plus(Duration.ofDays(10))));
        assertThat(harness.extractOutputValues()).isEmpty();

        send(wages("C-2", GRID_B, DAY_1.plus(LOOKBACK)));
        assertThat(harness.extractOutputValues()).extracting(Alert::eventIds).containsExactly(java.util.List.of("C-2"));
        // C-1 started A's look-back: its next first comes only after it.
        send(wages("C-3", GRID_A, DAY_1.plus(Duration.ofDays(60))));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void ignoresAWatchStartWhereComplaintsCameFirst() throws Exception {
        send(wages("C-1", GRID_A, DAY_1));
        send(WatchStarts.complaints(GRID_A, Category.WAGE_ARREARS, DAY_1.plus(Duration.ofDays(1))));
        harness.processWatermark(DAY_1.plus(LOOKBACK).toEpochMilli());

        send(wages("C-2", GRID_A, DAY_1.plus(LOOKBACK).plusSeconds(1)));
        assertThat(harness.extractOutputValues()).as("no learning after a restore").hasSize(2);
    }

    @Test
    void treatsEachGridAndCategoryOnItsOwn() throws Exception {
        for (Complaint c : java.util.List.of(wages("C-1", GRID_A, DAY_1), wages("C-2", GRID_B, DAY_1),
                complaint("C-3").at(DAY_1).category(Category.LAND_CONTRACT).build())) {
            harness.processElement(c, DAY_1.toEpochMilli());
        }
        harness.processWatermark(DAY_1.toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::gridId, Alert::key).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(GRID_A, "wage_arrears"),
                org.assertj.core.groups.Tuple.tuple(GRID_B, "wage_arrears"),
                org.assertj.core.groups.Tuple.tuple(GRID_A, "land_contract"));
    }

    @Test
    void reportsTheEarliestFirstComplaintWhenTheyArriveOutOfOrder() throws Exception {
        harness.processElement(wages("C-2", GRID_A, DAY_1.plusSeconds(60)), DAY_1.plusSeconds(60).toEpochMilli());
        harness.processElement(wages("C-1", GRID_A, DAY_1), DAY_1.toEpochMilli());
        assertThat(harness.extractOutputValues()).as("nothing before the watermark").isEmpty();

        harness.processWatermark(DAY_1.plusSeconds(60).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::eventIds).containsExactly(java.util.List.of("C-1"));
        assertThat(harness.numEventTimeTimers()).as("only the look-back's end").isEqualTo(1);
    }

    @Test
    void takesAComplaintHeldAtTheInstantALookBackTimerIsReplaced() throws Exception {
        send(wages("C-1", GRID_A, DAY_1));
        // Arrives first, exactly when the look-back ends (its timer is the look-back's) ...
        harness.processElement(wages("C-3", GRID_A, DAY_1.plus(LOOKBACK)), DAY_1.plus(LOOKBACK).toEpochMilli());
        // ... then an earlier one renews the look-back, and must not delete that timer with the old end.
        send(wages("C-2", GRID_A, DAY_1.plus(Duration.ofDays(1))));

        harness.processWatermark(DAY_1.plus(LOOKBACK.multipliedBy(3)).toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(Harnesses.keyedStateEntries(harness)).as("C-3 taken, its look-back over").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** A complaint, then the watermark at its time, as the job's sources advance it. */
    private void send(Complaint complaint) throws Exception {
        harness.processElement(complaint, complaint.occurredAt().toEpochMilli());
        harness.processWatermark(complaint.occurredAt().toEpochMilli());
    }

    private static Complaint wages(String id, String gridId, Instant at) {
        return complaint(id).grid(gridId).at(at).category(Category.WAGE_ARREARS).build();
    }
}
