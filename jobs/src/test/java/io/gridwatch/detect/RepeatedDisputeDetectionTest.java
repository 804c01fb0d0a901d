package io.gridwatch.detect;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_5;
import static io.gridwatch.common.testing.TestEvents.DAY_8;
import static io.gridwatch.common.testing.TestEvents.DAY_9;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.rules.RepeatedDisputeRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.testing.TestRules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.ExpectedAlerts;
import java.time.Duration;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repeated-dispute detector in the whole detection topology, on a MiniCluster at parallelism 2. */
@Tag("minicluster")
class RepeatedDisputeDetectionTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final Duration ONE_MS = Duration.ofMillis(1);

    @Test
    void alertsWhenThreeDisputesAboutOneSubjectFallWithinSevenDays() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).build(),
                complaint("C-2").at(DAY_3).build(),
                complaint("C-3").at(DAY_5).severity(3).build());

        assertThat(alerts).containsExactly(
                ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.ORANGE, 3, DAY_1, DAY_5, List.of("C-1", "C-2", "C-3")));
        assertThat(alerts.get(0).message())
                .contains("幸福里小区3栋502的邻里纠纷自3月2日09:00至3月6日09:00被反映3次");
    }

    @Test
    void staysQuietWhenOnlyTwoDisputesAreRaised() throws Exception {
        assertThat(detect(complaint("C-1").at(DAY_1).build(), complaint("C-2").at(DAY_3).build())).isEmpty();
    }

    @Test
    void alertsWhenDisputesArriveOutOfOrder() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-3").at(DAY_5).build(),
                complaint("C-1").at(DAY_1).build(),
                complaint("C-2").at(DAY_3).build());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.eventIds()).containsExactly("C-1", "C-2", "C-3");
            assertThat(alert.windowStart()).isEqualTo(DAY_1);
            assertThat(alert.windowEnd()).isEqualTo(DAY_5);
        });
    }

    @Test
    void alertsWhenTheThirdFallsJustInsideSevenDays() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).build(),
                complaint("C-2").at(DAY_3).build(),
                complaint("C-3").at(DAY_8.minus(ONE_MS)).build());

        assertThat(alerts).extracting(Alert::eventIds).containsExactly(List.of("C-1", "C-2", "C-3"));
    }

    @Test
    void staysQuietWhenTheThirdFallsSevenDaysAfterTheFirst() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).build(),
                        complaint("C-2").at(DAY_3).build(),
                        complaint("C-3").at(DAY_8).build()))
                .isEmpty();
    }

    @Test
    void alertsOnTheLaterThreeWhenTheFirstHasLeftTheWindow() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).build(),
                complaint("C-2").at(DAY_3).build(),
                complaint("C-3").at(DAY_8).build(),
                complaint("C-4").at(DAY_9).build());

        assertThat(alerts).extracting(Alert::eventIds).containsExactly(List.of("C-2", "C-3", "C-4"));
    }

    @Test
    void staysQuietWhenTwoSubjectsInOneGridHaveTwoDisputesEach() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).subject(SUBJECT_1).build(),
                        complaint("C-2").at(DAY_2).subject(SUBJECT_2).build(),
                        complaint("C-3").at(DAY_3).subject(SUBJECT_1).build(),
                        complaint("C-4").at(DAY_5).subject(SUBJECT_2).build()))
                .isEmpty();
    }

    @Test
    void alertsOnlyForTheSubjectThatRepeatsInAGridOfTwoSubjects() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).subject(SUBJECT_1).build(),
                complaint("C-2").at(DAY_2).subject(SUBJECT_2).build(),
                complaint("C-3").at(DAY_3).subject(SUBJECT_1).build(),
                complaint("C-4").at(DAY_5).subject(SUBJECT_1).build());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.key()).isEqualTo(SUBJECT_1.key());
            assertThat(alert.eventIds()).containsExactly("C-1", "C-3", "C-4");
        });
    }

    @Test
    void staysQuietWhenTheSameSubjectIsSplitOverTwoGrids() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).grid(GRID_A).build(),
                        complaint("C-2").at(DAY_2).grid(GRID_B).build(),
                        complaint("C-3").at(DAY_3).grid(GRID_A).build(),
                        complaint("C-4").at(DAY_5).grid(GRID_B).build()))
                .isEmpty();
    }

    @Test
    void staysQuietWhenTheComplaintsAreNotDisputes() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).category(Category.NOISE).build(),
                        complaint("C-2").at(DAY_2).category(Category.NOISE).build(),
                        complaint("C-3").at(DAY_3).category(Category.NOISE).build()))
                .isEmpty();
    }

    @Test
    void alertsOnTheDisputesAloneWhenOtherComplaintsAboutTheSubjectComeBetween() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).build(),
                complaint("N-1").at(DAY_2).category(Category.NOISE).build(),
                complaint("C-2").at(DAY_3).build(),
                complaint("N-2").at(DAY_3.plus(Duration.ofHours(12))).category(Category.NOISE).build(),
                complaint("C-3").at(DAY_5).severity(3).build());

        assertThat(alerts).containsExactly(
                ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.ORANGE, 3, DAY_1, DAY_5, List.of("C-1", "C-2", "C-3")));
    }

    @Test
    void alertsRedWithAllCategoriesNamedWhenAComplaintIsUrgent() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).build(),
                complaint("C-2").at(DAY_2).category(Category.PROPERTY_MANAGEMENT).build(),
                complaint("C-3").at(DAY_3).category(Category.PHYSICAL_CONFLICT).severity(4).build());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo(AlertLevel.RED);
            assertThat(alert.message()).startsWith("【红色预警").contains("邻里纠纷、物业纠纷、肢体冲突");
        });
    }

    @Test
    void alertsAtTheThresholdTheRulesSet() throws Exception {
        RepeatedDisputeRule rule = Detection.DEFAULT_RULES.repeatedDispute().base();
        Rules twoInADay = Detection.DEFAULT_RULES.withRepeatedDispute(RuleSet.of(new RepeatedDisputeRule(
                2, Duration.ofDays(1), rule.categories(), rule.orangeAtSeverity(), rule.redAtSeverity(), rule.cooldown())));

        List<Alert> alerts = detect(
                twoInADay,
                complaint("C-1").at(DAY_1).build(),
                complaint("C-2").at(DAY_2.minus(ONE_MS)).build(),
                complaint("C-3").at(DAY_5).build());

        assertThat(alerts).extracting(Alert::eventIds).containsExactly(List.of("C-1", "C-2"));
    }

    @Test
    void alertsWhenDisputesOfCategoriesWithTheirOwnThresholdsInterleave() throws Exception {
        // Default rules: three complaints, two enough for wage arrears. Each category once ran its own operator, and
        // neither saw enough: two neighbour disputes, one wage arrears.
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).category(Category.NEIGHBOR_DISPUTE).build(),
                complaint("C-2").at(DAY_2).category(Category.WAGE_ARREARS).build(),
                complaint("C-3").at(DAY_3).category(Category.NEIGHBOR_DISPUTE).build());

        assertThat(alerts).first().satisfies(alert -> {
            assertThat(alert.eventIds()).as("two complaints with wage arrears among them are enough")
                    .containsExactly("C-1", "C-2");
            assertThat(alert.message()).contains("邻里纠纷、欠薪纠纷");
        });
        assertThat(alerts).extracting(Alert::alertId).containsOnly(alerts.get(0).alertId());
    }

    @Test
    void countsEveryCategoryTowardsTheThresholdOfTheOthers() throws Exception {
        Rules wagesThreeInADay = TestRules.defaultsWith(
                "repeated_dispute", "per_category", "{ wage_arrears: { min_count: 3, window: 1d } }");
        List<Alert> alerts = detect(
                wagesThreeInADay,
                complaint("C-1").at(DAY_1).category(Category.WAGE_ARREARS).build(),
                complaint("C-2").at(DAY_3).category(Category.NEIGHBOR_DISPUTE).build(),
                complaint("C-3").at(DAY_5).category(Category.WAGE_ARREARS).build());

        assertThat(alerts).extracting(Alert::eventIds).as("three within the neighbour disputes' seven days")
                .containsExactly(List.of("C-1", "C-2", "C-3"));
    }

    @Test
    void raisesTheSameAlertIdForTheSameEvidence() throws Exception {
        GridEvent[] events = {
            complaint("C-1").at(DAY_1).build(), complaint("C-2").at(DAY_2).build(), complaint("C-3").at(DAY_3).build()
        };

        List<String> first = detect(events).stream().map(Alert::alertId).toList();

        assertThat(first).hasSize(1);
        assertThat(detect(events)).extracting(Alert::alertId).isEqualTo(first);
    }

    private static List<Alert> detect(GridEvent... events) throws Exception {
        return Detection.alertsOf(RepeatedDisputeDetector.NAME, events);
    }

    private static List<Alert> detect(Rules rules, GridEvent... events) throws Exception {
        return Detection.alertsOf(RepeatedDisputeDetector.NAME, rules, Duration.ofDays(7), events);
    }
}
