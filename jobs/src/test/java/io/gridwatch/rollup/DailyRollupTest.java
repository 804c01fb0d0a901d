package io.gridwatch.rollup;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.testing.ExpectedAlerts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Figures of a scripted day computed by hand (DAY_1 is 2 March 2026, 09:00 Beijing time). */
@Tag("harness")
class DailyRollupTest {

    /** Midnight after DAY_1, Beijing time. */
    private static final Instant END_OF_DAY_1 = Instant.parse("2026-03-02T16:00:00Z");
    private static final Instant END_OF_DAY_2 = END_OF_DAY_1.plus(Duration.ofDays(1));

    private KeyedTwoInputStreamOperatorTestHarness<String, GridEvent, Alert, GridDay> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new DailyRollup(), GridEvent::gridId, Alert::gridId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void sumsUpEachDayWhenItEndsAndUpdatesItForLateEvents() throws Exception {
        event(complaint("C-1").at(DAY_1).severity(2).build());
        event(complaint("C-2").at(hours(1)).category(Category.NOISE).severity(1).build());
        event(complaint("C-3").at(hours(2)).severity(3).build());
        event(patrol("P-1", GRID_A, hours(3), PatrolKind.VISIT, null));
        event(patrol("P-2", GRID_A, DAY_1.plus(Duration.ofMinutes(30)), PatrolKind.FOLLOWUP, "C-1"));
        event(patrol("P-3", GRID_A, hours(3), PatrolKind.RESOLUTION, "C-2"));
        event(patrol("P-4", GRID_A, hours(4), PatrolKind.FOLLOWUP, "C-1")); // not the first response to C-1
        Alert repeated = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.YELLOW, 2, DAY_1, hours(2), List.of("C-1", "C-3"));
        alert(repeated);
        alert(repeated); // re-emitted by suppression: still one alert
        harness.processBothWatermarks(new Watermark(END_OF_DAY_1.toEpochMilli()));

        assertThat(harness.extractOutputValues()).containsExactly(new GridDay(
                GRID_A, LocalDate.parse("2026-03-02"), 3,
                Map.of("neighbor_dispute", 2, "noise", 1),
                Map.of("1", 1, "2", 1, "3", 1),
                Map.of("repeated_dispute", 1),
                4, 2, 30.0, 120.0));

        // C-3, complained on day 1, is followed up a day later: its response counts on day 2.
        event(patrol("P-5", GRID_A, DAY_2.plus(Duration.ofHours(2)), PatrolKind.FOLLOWUP, "C-3"));
        harness.processBothWatermarks(new Watermark(END_OF_DAY_2.toEpochMilli()));
        event(complaint("C-9").at(hours(5)).build()); // late for day 1

        List<GridDay> days = harness.extractOutputValues();
        assertThat(days.get(1)).isEqualTo(new GridDay(
                GRID_A, LocalDate.parse("2026-03-03"), 0, Map.of(), Map.of(), Map.of(), 1, 1, 1440.0, 1440.0));
        assertThat(days.get(2).date()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(days.get(2).complaints()).isEqualTo(4);
        assertThat(days.get(2).id()).isEqualTo("G-XF-01-01_2026-03-02");
    }

    @Test
    void leavesNoStateOrTimersOnceDaysAndWaitsAreOver() throws Exception {
        event(complaint("C-1").at(DAY_1).build());
        alert(ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.YELLOW, 2, DAY_1, DAY_1, List.of("C-1")));

        harness.processBothWatermarks(new Watermark(DAY_1.plus(DailyRollup.MAX_RESPONSE_WAIT).toEpochMilli()));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void staysQuietWhenAnAlertMergedAfterItsDayClosedKeepsThatDaysCreationTime() throws Exception {
        event(complaint("C-1").at(DAY_1).build());
        Alert repeated = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.YELLOW, 2, DAY_1, DAY_1, List.of("C-1"));
        alert(repeated);
        harness.processBothWatermarks(new Watermark(END_OF_DAY_1.plus(Duration.ofDays(3)).toEpochMilli()));
        int emitted = harness.extractOutputValues().size();

        // The suppressor re-emits the alert with more evidence, under its id and its creation time on day 1.
        harness.processElement2(repeated, END_OF_DAY_1.plus(Duration.ofDays(3)).toEpochMilli());

        assertThat(harness.extractOutputValues()).as("day 1 is not rebuilt from the merged alert alone").hasSize(emitted);
        assertThat(harness.extractOutputValues().get(0).complaints()).isEqualTo(1);
    }

    @Test
    void dropsEveryComplaintOfABurstAtItsOwnExpiry() throws Exception {
        for (int i = 0; i < 1000; i++) {
            event(complaint("C-" + i).at(DAY_1.plusSeconds(i)).category(Category.NOISE).build());
        }
        harness.processBothWatermarks(new Watermark(DAY_1.plus(DailyRollup.MAX_RESPONSE_WAIT).plusSeconds(499).toEpochMilli()));
        event(patrol("P-late", GRID_A, DAY_1.plus(DailyRollup.MAX_RESPONSE_WAIT).plusSeconds(499), PatrolKind.FOLLOWUP, "C-500"));
        event(patrol("P-gone", GRID_A, DAY_1.plus(DailyRollup.MAX_RESPONSE_WAIT).plusSeconds(499), PatrolKind.FOLLOWUP, "C-499"));
        harness.processBothWatermarks(new Watermark(DAY_1.plus(DailyRollup.MAX_RESPONSE_WAIT).plus(Duration.ofDays(3)).toEpochMilli()));

        GridDay lastDay = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(lastDay.responses()).as("C-500 still waited; C-499 no longer").isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void event(GridEvent event) throws Exception {
        harness.processElement1(event, event.occurredAt().toEpochMilli());
    }

    private void alert(Alert alert) throws Exception {
        harness.processElement2(alert, alert.createdAt().toEpochMilli());
    }

    private static Instant hours(int hours) {
        return DAY_1.plus(Duration.ofHours(hours));
    }
}
