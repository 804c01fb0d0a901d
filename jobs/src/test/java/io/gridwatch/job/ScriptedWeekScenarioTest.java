package io.gridwatch.job;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_8;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import io.gridwatch.testing.Detection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every detector together on one scripted week of the sample street's six grids: the exact set of alerts raised by
 * the end of the week. (The end of the bounded input then passes every later deadline too; those alerts are not the
 * week's.)
 */
@Tag("minicluster")
class ScriptedWeekScenarioTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final String A = "G-XF-01-01";
    private static final String B = "G-XF-01-02";
    private static final String C = "G-XF-02-01";
    private static final String D = "G-XF-02-02";
    private static final String E = "G-CN-01-01";
    private static final String F = "G-CN-01-02";
    private static final Subject SITE = new Subject("幸福里商业街工地", "P-5005");
    /** D's gap falls due on day 8, 18:00 (its visit on day 1, 15:00, seven days and the 12 h allowed lateness). */
    private static final Instant WEEK_END = DAY_8.plus(Duration.ofHours(18));

    @Test
    void raisesExactlyTheAlertsTheWeekCallsFor() throws Exception {
        List<GridEvent> week = new ArrayList<>();
        // A: one neighbour dispute, answered every time, but raised three times and each time worse.
        week.add(complaint("C-1").grid(A).at(DAY_1).severity(2).build());
        week.add(patrol("P-A1", A, hours(DAY_1, 3), PatrolKind.FOLLOWUP, "C-1"));
        week.add(complaint("C-2").grid(A).at(DAY_2).severity(3).build());
        week.add(patrol("P-A2", A, hours(DAY_2, 2), PatrolKind.FOLLOWUP, "C-2"));
        week.add(complaint("C-3").grid(A).at(DAY_3).severity(4).build());
        week.add(patrol("P-A3", A, hours(DAY_3, 1), PatrolKind.RESOLUTION, "C-3"));
        // B: unpaid wages at a building site, twice: the first wage complaint here, and a repeat under the
        // wage_arrears override (two complaints suffice).
        week.add(complaint("C-10").grid(B).at(DAY_2).category(Category.WAGE_ARREARS).subject(SITE).build());
        week.add(patrol("P-B1", B, hours(DAY_2, 5), PatrolKind.FOLLOWUP, "C-10"));
        week.add(complaint("C-11").grid(B).at(DAY_1.plus(Duration.ofDays(3))).category(Category.WAGE_ARREARS)
                .subject(SITE).build());
        week.add(patrol("P-B2", B, hours(DAY_1.plus(Duration.ofDays(3)), 5), PatrolKind.FOLLOWUP, "C-11"));
        // C: an urgent safety hazard nobody answers.
        week.add(complaint("C-20").grid(C).at(DAY_3).category(Category.SAFETY_HAZARD).severity(4).build());
        // E: a noise complaint, answered within its 72 hours.
        week.add(complaint("C-30").grid(E).at(DAY_2).category(Category.NOISE).severity(1).build());
        week.add(patrol("P-E1", E, DAY_3, PatrolKind.FOLLOWUP, "C-30"));
        // Daily visits in A, B and C; D is visited once; the villages E and F twice (they may go 14 days).
        for (int day = 0; day < 8; day++) {
            Instant afternoon = hours(DAY_1.plus(Duration.ofDays(day)), 6);
            for (String grid : List.of(A, B, C)) {
                week.add(patrol("V-" + grid + "-" + day, grid, afternoon, PatrolKind.VISIT, null));
            }
            if (day == 0 || day == 4) {
                for (String grid : List.of(D, E, F).subList(day == 0 ? 0 : 1, 3)) {
                    week.add(patrol("V-" + grid + "-" + day, grid, afternoon, PatrolKind.VISIT, null));
                }
            }
        }
        week.sort(java.util.Comparator.comparing(GridEvent::occurredAt));

        List<Alert> alerts = Detection.run(Detection.DEFAULT_RULES, Duration.ofMinutes(5), week.toArray(GridEvent[]::new));

        assertThat(alerts)
                .filteredOn(alert -> !alert.createdAt().isAfter(WEEK_END))
                .extracting(Alert::detector, Alert::gridId, Alert::key, Alert::level, Alert::eventIds)
                .containsExactlyInAnyOrder(
                        tuple("repeated_dispute", A, SUBJECT_1.key(), AlertLevel.RED, List.of("C-1", "C-2", "C-3")),
                        tuple("escalating_dispute", A, SUBJECT_1.key(), AlertLevel.RED, List.of("C-1", "C-3")),
                        tuple("new_category", B, "wage_arrears", AlertLevel.YELLOW, List.of("C-10")),
                        tuple("repeated_dispute", B, SITE.key(), AlertLevel.YELLOW, List.of("C-10", "C-11")),
                        tuple("overdue_response", C, "C-20", AlertLevel.RED, List.of("C-20")),
                        tuple("new_category", C, "safety_hazard", AlertLevel.YELLOW, List.of("C-20")),
                        tuple("patrol_gap", D, null, AlertLevel.YELLOW, List.of()));
    }

    private static Instant hours(Instant day, int hours) {
        return day.plus(Duration.ofHours(hours));
    }
}
