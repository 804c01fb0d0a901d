package io.gridwatch.scorecard;

import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.notify.Escalation;
import io.gridwatch.notify.EscalationDocuments;
import io.gridwatch.notify.NotifyPolicy;
import io.gridwatch.notify.Tier;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.elasticsearch.LifecycleDocuments;
import io.gridwatch.testing.CollectingSink;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.DocumentStore;
import io.gridwatch.topology.Detectors;
import io.gridwatch.topology.EarlyWarningTopology;
import io.gridwatch.topology.Indexed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A month scripted by hand — November 2026 in 东湖街道 — through the whole topology on a MiniCluster at parallelism 2,
 * its cases, rollups and warnings written as the job's mappers write them, staff's handling of the warnings added,
 * and the scorecard by community: every measure as counted by hand below.
 *
 * <p>幸福里社区 (G-XF-01-01, G-XF-01-02), complaints accepted in November, SLA by severity (2: 24 h, 4: 2 h, 1: 72 h):
 * <pre>
 *  C-6  01-02 sev 1  happened 31 Oct 23:00, accepted 1 Nov 08:00  resolved 2 Nov 08:00 (24 h)  满意
 *  C-1  01-01 sev 2  accepted 3 Nov 09:00   followup 13:00 (4 h)   resolved 4 Nov 09:00 (24 h)   满意
 *  C-2  01-01 sev 2  accepted 5 Nov 09:00   followup 6 Nov 15:00 (30 h, late)   resolved 7 Nov 09:00 (48 h)   不满意
 *  C-3  01-01 sev 2  accepted 7 Nov 09:00   never answered                        → repeated_dispute: C-1, C-2, C-3
 *  C-4  01-02 sev 4  accepted 20 Nov 10:00  resolved 11:00 (1 h)   基本满意
 * </pre>
 * 响应率 3/5 (C-1, C-4, C-6); 办结率 4/5; answer hours [1, 4, 24, 30]: median 4, p90 30; resolve hours [1, 24, 24, 48]:
 * median 24, p90 48; 满意率 3/4; 重复诉求率 3/5. Patrols: 01-01 on 1–20 Nov, 01-02 on 1–10 Nov and 20 Nov (C-4's
 * resolution): 31 of 60 grid-days. Warnings (yellow, 24 h to acknowledge): overdue C-2 (acknowledged after 30 min,
 * resolved), the repeated dispute (acknowledged after 27 h, escalated to the community, a false alarm), overdue C-3
 * (never acknowledged, escalated to community and street): 签收及时率 1/3, 误报率 1/2.
 *
 * <p>和平社区 (G-XF-02-01; G-XF-02-02 added on 16 Nov): C-5, sev 3 (12 h), accepted 10 Nov 09:00, followed up 10:00,
 * not resolved, not rated: 响应率 1/1, 办结率 0/1, 满意率 "—"; patrols 02-01 daily, 02-02 on even days from 16 Nov:
 * 38 of 45 grid-days; no warnings, "—".
 *
 * <p>October: C-0 in 幸福里, accepted 15 Oct 09:00, followed up 16 Oct 12:00 (late): 响应率 0/1; 和平 had none: "—".
 */
@Tag("minicluster")
class ScriptedMonthScorecardTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final String XF1 = "G-XF-01-01";
    private static final String XF2 = "G-XF-01-02";
    private static final String HP1 = "G-XF-02-01";
    private static final String HP2 = "G-XF-02-02";
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Instant AS_OF = local("2026-12-01T00:00");

    private static Scorecard scorecard;

    @BeforeAll
    static void runTheMonth() throws Exception {
        List<Grid> grids = new ArrayList<>();
        for (Grid g : GridRegistry.sample().grids()) {
            grids.add(g.gridId().equals(HP2) ? new Grid(g.gridId(), g.name(), g.community(), g.street(),
                    g.district(), g.leadName(), g.leadContact(), g.centroid(), g.neighbors(), g.type(),
                    LocalDate.of(2026, 11, 16)) : g);
        }
        GridRegistry registry = GridRegistry.of(grids);

        DocumentStore store = new DocumentStore();
        List<Alert> alerts = run(events(), registry, store);
        Alert overdueC2 = only(alerts, "overdue_response", "C-2");
        Alert repeated = only(alerts, "repeated_dispute", null);
        Alert overdueC3 = only(alerts, "overdue_response", "C-3");
        store.writeAll(LifecycleDocuments.of(new LifecycleEvent(overdueC2.alertId(), "acknowledged", "王建国",
                overdueC2.createdAt().plus(Duration.ofMinutes(30)), null)));
        store.writeAll(LifecycleDocuments.of(new LifecycleEvent(overdueC2.alertId(), "resolved", "王建国",
                overdueC2.createdAt().plus(Duration.ofHours(6)), "已上门处理")));
        EscalationDocuments escalations = new EscalationDocuments();
        store.write(escalations.toDocument(new Escalation(repeated.alertId(), Tier.COMMUNITY,
                repeated.createdAt().plus(Duration.ofHours(24)), Duration.ofHours(24))));
        store.writeAll(LifecycleDocuments.of(new LifecycleEvent(repeated.alertId(), "acknowledged", "王建国",
                repeated.createdAt().plus(Duration.ofHours(27)), null)));
        store.writeAll(LifecycleDocuments.of(new LifecycleEvent(repeated.alertId(), "false_alarm", "王建国",
                repeated.createdAt().plus(Duration.ofHours(30)), "同一户重复反映，非新纠纷")));
        store.write(escalations.toDocument(new Escalation(overdueC3.alertId(), Tier.COMMUNITY,
                overdueC3.createdAt().plus(Duration.ofHours(24)), Duration.ofHours(24))));
        store.write(escalations.toDocument(new Escalation(overdueC3.alertId(), Tier.STREET,
                overdueC3.createdAt().plus(Duration.ofHours(48)), Duration.ofHours(24))));

        Facts facts = Facts.fromDocuments(store.sources(Indices.CASES), store.sources(Indices.GRID_DAILY),
                store.sources(Indices.ALERTS), store.sources(Indices.HISTORY));
        scorecard = Scorecard.of(new ScorecardRequest(ScorecardRequest.gridsOf(registry, Grouping.STREET, "东湖街道"),
                Grouping.COMMUNITY, NOVEMBER, Measure.ON_TIME_RESPONSE, AS_OF, NotifyPolicy.DEFAULT,
                ScorecardRequest.DEFAULT_PATROL_INTERVALS), facts);
    }

    @Test
    void measuresEveryFigureAsCountedByHand() {
        Scorecard.Row xingfu = row("幸福里社区");
        assertThat(xingfu.figures().get(Measure.COMPLAINTS).value()).isEqualTo(5.0);
        assertRatio(xingfu, Measure.ON_TIME_RESPONSE, 3, 5);
        assertRatio(xingfu, Measure.RESOLUTION, 4, 5);
        assertThat(xingfu.figures().get(Measure.ANSWER_MEDIAN).value()).isEqualTo(4.0);
        assertThat(xingfu.figures().get(Measure.ANSWER_P90).value()).isEqualTo(30.0);
        assertThat(xingfu.figures().get(Measure.RESOLVE_MEDIAN).value()).isEqualTo(24.0);
        assertThat(xingfu.figures().get(Measure.RESOLVE_P90).value()).isEqualTo(48.0);
        assertRatio(xingfu, Measure.SATISFACTION, 3, 4);
        assertRatio(xingfu, Measure.REPEATED, 3, 5);
        assertRatio(xingfu, Measure.PATROL_COVERAGE, 31, 60);
        assertRatio(xingfu, Measure.ACK_ON_TIME, 1, 3);
        assertThat(xingfu.figures().get(Measure.ESCALATED_TO_COMMUNITY).value()).isEqualTo(2.0);
        assertThat(xingfu.figures().get(Measure.ESCALATED_TO_STREET).value()).isEqualTo(1.0);
        assertRatio(xingfu, Measure.FALSE_ALARM, 1, 2);
    }

    @Test
    void showsNothingToMeasureAsADashAndMeasuresAGridAddedMidMonthFromItsFirstDay() {
        Scorecard.Row heping = row("和平社区");
        assertRatio(heping, Measure.ON_TIME_RESPONSE, 1, 1);
        assertRatio(heping, Measure.RESOLUTION, 0, 1);
        assertThat(heping.figures().get(Measure.ANSWER_MEDIAN).value()).isEqualTo(1.0);
        assertThat(heping.figures().get(Measure.RESOLVE_MEDIAN).text(Measure.Unit.HOURS)).isEqualTo("—");
        assertThat(heping.figures().get(Measure.SATISFACTION).text(Measure.Unit.PERCENT)).isEqualTo("—");
        assertRatio(heping, Measure.PATROL_COVERAGE, 38, 45);
        assertThat(heping.figures().get(Measure.ACK_ON_TIME).text(Measure.Unit.PERCENT)).isEqualTo("—");
        assertThat(heping.figures().get(Measure.FALSE_ALARM).text(Measure.Unit.PERCENT)).isEqualTo("—");
    }

    @Test
    void ranksByTheMeasureAskedAndShowsTheChangeFromTheMonthBefore() {
        assertThat(scorecard.rows()).extracting(Scorecard.Row::name, Scorecard.Row::rank, Scorecard.Row::previousRank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("和平社区", 1, null),
                        org.assertj.core.groups.Tuple.tuple("幸福里社区", 2, 1));
        Scorecard.Row xingfu = row("幸福里社区");
        assertRatio(xingfu.previous(), Measure.ON_TIME_RESPONSE, 0, 1);
        assertThat(xingfu.figures().get(Measure.ON_TIME_RESPONSE)
                .change(xingfu.previous().get(Measure.ON_TIME_RESPONSE), Measure.Unit.PERCENT)).isEqualTo("+60.0");
        Scorecard.Row heping = row("和平社区");
        assertThat(heping.figures().get(Measure.ON_TIME_RESPONSE)
                .change(heping.previous().get(Measure.ON_TIME_RESPONSE), Measure.Unit.PERCENT)).isEqualTo("—");
    }

    @Test
    void showsEachDetectorsFalseAlarmsBesideTheQualityBenchmark() {
        assertThat(scorecard.detectors()).extracting(Scorecard.DetectorRow::detector).containsExactly(
                "overdue_response", "repeated_dispute");
        Scorecard.DetectorRow repeated = scorecard.detectors().get(1);
        assertThat(repeated.falseAlarmRate().value()).isEqualTo(1.0);
        assertThat(repeated.falseAlarmsPer100GridWeeks()).as("1 in 105 grid-days").isCloseTo(100.0 * 7 / 105,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(repeated.benchmark()).isEqualTo(0.0);
        assertThat(scorecard.detectors().get(0).falseAlarmRate().value()).isEqualTo(0.0);
    }

    private static List<GridEvent> events() {
        List<GridEvent> events = new ArrayList<>();
        events.add(complaint("C-0").grid(XF1).category(Category.NOISE).at(local("2026-10-15T09:00")).build());
        events.add(patrol("A-0", XF1, local("2026-10-16T12:00"), PatrolKind.FOLLOWUP, "C-0"));
        events.add(complaint("C-6").grid(XF2).subject(SUBJECT_2).severity(1).at(local("2026-10-31T23:00"))
                .reportedAfter(Duration.ofHours(9)).build());
        events.add(patrol("A-6", XF2, local("2026-11-02T08:00"), PatrolKind.RESOLUTION, "C-6", Satisfaction.SATISFIED));
        events.add(complaint("C-1").grid(XF1).subject(SUBJECT_1).at(local("2026-11-03T09:00")).build());
        events.add(patrol("A-1a", XF1, local("2026-11-03T13:00"), PatrolKind.FOLLOWUP, "C-1"));
        events.add(patrol("A-1b", XF1, local("2026-11-04T09:00"), PatrolKind.RESOLUTION, "C-1",
                Satisfaction.SATISFIED));
        events.add(complaint("C-2").grid(XF1).subject(SUBJECT_1).at(local("2026-11-05T09:00")).build());
        events.add(patrol("A-2a", XF1, local("2026-11-06T15:00"), PatrolKind.FOLLOWUP, "C-2"));
        events.add(patrol("A-2b", XF1, local("2026-11-07T09:00"), PatrolKind.RESOLUTION, "C-2",
                Satisfaction.DISSATISFIED));
        events.add(complaint("C-3").grid(XF1).subject(SUBJECT_1).at(local("2026-11-07T09:00")).build());
        events.add(complaint("C-5").grid(HP1).severity(3).at(local("2026-11-10T09:00")).build());
        events.add(patrol("A-5", HP1, local("2026-11-10T10:00"), PatrolKind.FOLLOWUP, "C-5"));
        events.add(complaint("C-4").grid(XF2).subject(SUBJECT_2).severity(4).at(local("2026-11-20T10:00")).build());
        events.add(patrol("A-4", XF2, local("2026-11-20T11:00"), PatrolKind.RESOLUTION, "C-4",
                Satisfaction.BASICALLY_SATISFIED));
        for (int day = 1; day <= 30; day++) {
            LocalDateTime evening = LocalDateTime.of(2026, 11, day, 17, 0);
            if (day <= 20) {
                events.add(patrol("R-XF1-" + day, XF1, local(evening), PatrolKind.INSPECTION, null));
            }
            if (day <= 10) {
                events.add(patrol("R-XF2-" + day, XF2, local(evening), PatrolKind.INSPECTION, null));
            }
            events.add(patrol("R-HP1-" + day, HP1, local(evening), PatrolKind.INSPECTION, null));
            if (day >= 16 && day % 2 == 0) {
                events.add(patrol("R-HP2-" + day, HP2, local(evening), PatrolKind.INSPECTION, null));
            }
        }
        events.sort(Comparator.comparing(GridEvent::knownAt));
        return events;
    }

    /** The documents the job would index, into {@code store}; the alerts raised, every version. */
    private static List<Alert> run(List<GridEvent> events, GridRegistry registry, DocumentStore store)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        GridEventTypeInfo.register(env);
        DataStream<Arrival> arrivals = Detection.arrivals(env, events, Duration.ZERO);
        EarlyWarningTopology.Outputs out = EarlyWarningTopology.build(
                EarlyWarningTopology.Inputs.withoutControl(arrivals, Detection.DEFAULT_RULES),
                new EarlyWarningTopology.Settings(new EarlyWarningTopology.Detection(Detection.DEFAULT_RULES, registry,
                        Detectors.named(List.of("repeated_dispute", "overdue_response")), null),
                        Duration.ofDays(7), AS_OF, Optional.empty()));
        List<Supplier<List<Document>>> indexed = new ArrayList<>();
        out.indexed(registry).forEach(output -> indexed.add(documentsOf(output)));
        CollectingSink<Alert> alerts = collect(out.alerts());
        env.execute("A scripted month");

        indexed.forEach(documents -> store.writeAll(documents.get()));
        return alerts.collected();
    }

    /** What {@code output} indexes, once the job has run. */
    private static <T> Supplier<List<Document>> documentsOf(Indexed<T> output) {
        CollectingSink<T> sink = collect(output.stream());
        return () -> sink.collected().stream().map(output.documents()::toDocument).toList();
    }

    private static Alert only(List<Alert> alerts, String detector, String key) {
        return alerts.stream().filter(a -> a.detector().equals(detector) && (key == null || key.equals(a.key())))
                .reduce((first, later) -> later).orElseThrow();
    }

    private static Scorecard.Row row(String name) {
        return scorecard.rows().stream().filter(row -> row.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertRatio(Scorecard.Row row, Measure measure, long numerator, long denominator) {
        assertRatio(row.figures(), measure, numerator, denominator);
    }

    private static void assertRatio(java.util.Map<Measure, Figure> figures, Measure measure, long numerator,
            long denominator) {
        assertThat(figures.get(measure)).as(measure.label())
                .isEqualTo(new Figure((double) numerator / denominator, numerator, denominator));
    }

    private static <T> CollectingSink<T> collect(DataStream<T> stream) {
        CollectingSink<T> sink = new CollectingSink<>();
        stream.sinkTo(sink).name("Collect");
        return sink;
    }

    private static Instant local(String dateTime) {
        return local(LocalDateTime.parse(dateTime));
    }

    private static Instant local(LocalDateTime dateTime) {
        return dateTime.atZone(CityTime.ZONE).toInstant();
    }
}
