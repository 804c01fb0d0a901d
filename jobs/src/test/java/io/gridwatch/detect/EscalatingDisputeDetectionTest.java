package io.gridwatch.detect;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_5;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.testing.Detection;
import java.time.Duration;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The escalating-dispute detector in the whole detection topology, on a MiniCluster at parallelism 2. */
@Tag("minicluster")
class EscalatingDisputeDetectionTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void alertsRedWhenSeverityRisesTwiceWithinThirtyDays() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).severity(2).build(),
                complaint("C-2").at(DAY_3).severity(3).build(),
                complaint("C-3").at(DAY_1.plus(THIRTY_DAYS).minusMillis(1)).severity(4).build());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo(AlertLevel.RED);
            assertThat(alert.key()).isEqualTo(SUBJECT_1.key());
            assertThat(alert.eventIds()).as("the calmer and the worse complaint").containsExactly("C-1", "C-3");
            assertThat(alert.message()).isEqualTo(
                    "【红色预警·纠纷升级】东湖街道/幸福里社区/幸福里第一网格：幸福里小区3栋502的纠纷投诉严重程度升级（2→4级），"
                            + "存在“民转刑”风险，请网格长王建国立即到场处置，并报社区和派出所联动化解。");
        });
    }

    @Test
    void staysQuietWhenTheLastRiseFallsOutsideThirtyDays() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).severity(2).build(),
                        complaint("C-2").at(DAY_3).severity(3).build(),
                        complaint("C-3").at(DAY_1.plus(THIRTY_DAYS)).severity(4).build()))
                .isEmpty();
    }

    @Test
    void staysQuietWhenSeverityRisesByOneLevelOnly() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).severity(2).build(),
                        complaint("C-2").at(DAY_2).severity(3).build(),
                        complaint("C-3").at(DAY_3).severity(3).build()))
                .isEmpty();
    }

    @Test
    void alertsWhenRisesArriveOutOfOrderWithCalmerComplaintsBetween() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-3").at(DAY_5).severity(4).build(),
                complaint("C-1").at(DAY_1).severity(2).build(),
                complaint("C-x").at(DAY_2).severity(2).build(),
                complaint("C-2").at(DAY_3).severity(3).build());

        assertThat(alerts).first().extracting(Alert::eventIds).isEqualTo(List.of("C-1", "C-3"));
        assertThat(alerts).last().satisfies(merged -> {
            assertThat(merged.alertId()).as("C-x → C-3 too, folded into the alert").isEqualTo(alerts.get(0).alertId());
            assertThat(merged.eventIds()).containsExactly("C-1", "C-3", "C-x");
        });
    }

    @Test
    void alertsAtOnceWhenAnEarlierDisputeCouldStillEscalate() throws Exception {
        // C-1 (severity 4) can only be followed by a conflict, for 30 days; C-2 → C-3 must not wait for it.
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).severity(4).subject(SUBJECT_1).build(),
                complaint("C-2").at(DAY_2).severity(1).build(),
                complaint("C-3").at(DAY_3).severity(3).build(),
                complaint("C-4").at(DAY_5).severity(2).category(Category.PHYSICAL_CONFLICT).build());

        assertThat(alerts).first().extracting(Alert::eventIds).as("raised at C-3, before C-1's conflict came")
                .isEqualTo(List.of("C-2", "C-3"));
    }

    @Test
    void alertsWhenSeverityJumpsTwoLevelsOrMoreAtOnce() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).severity(1).build(),
                        complaint("C-2").at(DAY_2).severity(4).build()))
                .extracting(Alert::eventIds).containsExactly(List.of("C-1", "C-2"));
        assertThat(detect(
                        complaint("C-1").at(DAY_1).severity(2).build(),
                        complaint("C-2").at(DAY_2).severity(4).build()))
                .extracting(Alert::eventIds).containsExactly(List.of("C-1", "C-2"));
    }

    @Test
    void alertsOnTheFirstTwoLevelRiseWhenSeverityWavers() throws Exception {
        // 2, 4, 3, 4: the rise 2 → 3 → 4 is in it, and so is 2 → 4, the first complete one.
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).severity(2).build(),
                complaint("C-2").at(DAY_2).severity(4).build(),
                complaint("C-3").at(DAY_3).severity(3).build(),
                complaint("C-4").at(DAY_5).severity(4).build());

        assertThat(alerts).extracting(Alert::eventIds).containsExactly(List.of("C-1", "C-2"));
    }

    @Test
    void givesTheSameAlertIdWhenAConflictAndARiseComeAtOneInstant() throws Exception {
        // C-2 is both a two-level rise over C-1 and a physical conflict after it: one alert, one id, whatever order.
        GridEvent calmer = complaint("C-1").at(DAY_1).severity(2).build();
        GridEvent worse = complaint("C-2").at(DAY_2).severity(4).category(Category.PHYSICAL_CONFLICT).build();
        GridEvent alsoWorse = complaint("C-3").at(DAY_2).severity(4).build();

        List<Alert> oneOrder = detect(calmer, worse, alsoWorse);
        List<Alert> otherOrder = detect(alsoWorse, worse, calmer);

        assertThat(oneOrder).extracting(Alert::alertId).containsExactlyElementsOf(
                otherOrder.stream().map(Alert::alertId).toList());
        assertThat(oneOrder).extracting(Alert::eventIds).containsExactly(List.of("C-1", "C-2"));
    }

    @Test
    void staysQuietWhenTheRisesAreAboutDifferentSubjects() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).severity(2).subject(SUBJECT_1).build(),
                        complaint("C-2").at(DAY_2).severity(4).subject(SUBJECT_2).build(),
                        complaint("C-3").at(DAY_3).severity(3).subject(SUBJECT_1).build()))
                .isEmpty();
    }

    @Test
    void alertsWhenAPhysicalConflictFollowsADispute() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).severity(2).build(),
                complaint("C-2").at(DAY_3).severity(2).category(Category.PHYSICAL_CONFLICT).build());

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.eventIds()).containsExactly("C-1", "C-2");
            assertThat(alert.message()).contains("幸福里小区3栋502的纠纷在3月4日09:00发生肢体冲突（此前已有纠纷投诉）");
        });
    }

    @Test
    void staysQuietWhenAPhysicalConflictHasNoEarlierDispute() throws Exception {
        assertThat(detect(
                        complaint("C-1").at(DAY_1).severity(3).category(Category.PHYSICAL_CONFLICT).build(),
                        complaint("C-2").at(DAY_2).severity(1).category(Category.NOISE).build()))
                .isEmpty();
    }

    @Test
    void mergesFurtherEscalationIntoTheOpenAlertWithinItsCoolDown() throws Exception {
        List<Alert> alerts = detect(
                complaint("C-1").at(DAY_1).severity(2).build(),
                complaint("C-2").at(DAY_2).severity(2).category(Category.PHYSICAL_CONFLICT).build(),
                complaint("C-3").at(DAY_3).severity(2).build(),
                complaint("C-4").at(DAY_5).severity(4).build());

        assertThat(alerts).extracting(Alert::alertId).containsOnly(alerts.get(0).alertId());
        assertThat(alerts.get(alerts.size() - 1).eventIds()).containsExactlyInAnyOrder("C-1", "C-2", "C-3", "C-4");
    }

    private static List<Alert> detect(GridEvent... events) throws Exception {
        return Detection.alertsOf(EscalatingDisputeDetector.NAME, events);
    }
}
