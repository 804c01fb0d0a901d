package io.gridwatch.topology;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_5;
import static io.gridwatch.common.testing.TestEvents.DAY_9;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.DeadLetter;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.notify.Escalation;
import io.gridwatch.notify.FailedNotice;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.notify.Tier;
import io.gridwatch.notify.channel.RetryingDelivery;
import io.gridwatch.rollup.GridDay;
import io.gridwatch.testing.CollectingSink;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.RecordingServer;
import io.gridwatch.testing.RecordingServer.Answer;
import io.gridwatch.testing.RecordingServer.Request;
import io.gridwatch.testing.RobotRoutes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole early-warning topology — duplicates dropped, detectors, suppression, silences, rollups, notices and
 * escalation — on a MiniCluster at parallelism 2, from bounded sources into collecting sinks and a recording robot
 * for notices; no Kafka, no Elasticsearch.
 */
@Tag("minicluster")
class EarlyWarningTopologyTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    /** Events wait for the silence to be sent: a silence published before the alerts it covers holds them back. */
    private static final CountDownLatch SILENCE_SENT = new CountDownLatch(1);

    @TempDir
    Path dir;

    @Test
    void alertsNotifiesEscalatesAndRollsUpWhenDisputesRepeatInTwoGridsOneOfThemSilenced() throws Exception {
        // Every complaint answered within its SLA, the dispute in grid A reported twice.
        GridEvent duplicate = complaint("C-A2").at(DAY_3).build();
        List<GridEvent> events = List.of(
                complaint("C-A1").at(DAY_1).build(),
                complaint("C-B1").grid(GRID_B).subject(SUBJECT_2).at(DAY_1).build(),
                answer("C-A1", GRID_A, DAY_1),
                answer("C-B1", GRID_B, DAY_1),
                duplicate,
                complaint("C-B2").grid(GRID_B).subject(SUBJECT_2).at(DAY_3).build(),
                duplicate,
                answer("C-A2", GRID_A, DAY_3),
                answer("C-B2", GRID_B, DAY_3),
                complaint("C-A3").at(DAY_5).severity(3).build(),
                complaint("C-B3").grid(GRID_B).subject(SUBJECT_2).at(DAY_5).build(),
                answer("C-A3", GRID_A, DAY_5),
                answer("C-B3", GRID_B, DAY_5));
        Silence silence = new Silence("S-1", GRID_B, null, null, DAY_1, DAY_9, "节日静默", "张主任");

        try (RecordingServer robots = new RecordingServer(Answer.ok("ok"))) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            GridEventTypeInfo.register(env);
            DataStream<Arrival> arrivals = env.fromData(events, GridEventTypeInfo.INSTANCE)
                    .setParallelism(1)
                    .map(EarlyWarningTopologyTest::afterTheSilence, GridEventTypeInfo.INSTANCE)
                    .setParallelism(1)
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<GridEvent>forMonotonousTimestamps()
                            .withTimestampAssigner((event, previous) -> event.knownAt().toEpochMilli()))
                    .setParallelism(1)
                    .map(event -> new Arrival(event, false), TypeInformation.of(Arrival.class))
                    .setParallelism(1);
            DataStream<Silence> silences = env.fromData(List.of(silence), TypeInformation.of(Silence.class))
                    .map(EarlyWarningTopologyTest::sent, TypeInformation.of(Silence.class));
            EarlyWarningTopology.Inputs withoutControl =
                    EarlyWarningTopology.Inputs.withoutControl(arrivals, Detection.DEFAULT_RULES);
            NotificationRoutes routes = NotificationRoutes.load(
                    RobotRoutes.notifyYaml(dir, "1h", ""), RobotRoutes.environment(robots)::get);
            EarlyWarningTopology.Outputs out = EarlyWarningTopology.build(
                    new EarlyWarningTopology.Inputs(arrivals, withoutControl.ruleUpdates(), silences,
                            withoutControl.lifecycle()),
                    new EarlyWarningTopology.Settings(
                            EarlyWarningTopology.Detection.of(Detection.DEFAULT_RULES, Detection.REGISTRY),
                            Duration.ofDays(7), DAY_9, Optional.of(new NotifyStaff.Settings(routes,
                                    new RetryingDelivery(2, Duration.ofMillis(10), Duration.ofMillis(10))))));
            CollectingSink<Arrival> indexed = collect(out.events());
            CollectingSink<Alert> alerts = collect(out.alerts());
            CollectingSink<GridDay> days = collect(out.gridDays());
            CollectingSink<Escalation> escalations = collect(out.notified().orElseThrow().escalations());
            CollectingSink<FailedNotice> failed = collect(out.notified().orElseThrow().failed());
            CollectingSink<DeadLetter> duplicates = collect(out.duplicates());
            env.execute("Whole topology");

            assertThat(indexed.collected()).extracting(arrival -> arrival.event().eventId())
                    .containsExactlyInAnyOrder("C-A1", "C-B1", "C-A2", "C-B2", "C-A3", "C-B3",
                            "F-C-A1", "F-C-B1", "F-C-A2", "F-C-B2", "F-C-A3", "F-C-B3");
            assertThat(duplicates.collected()).hasSize(1);
            assertThat(alerts.collected()).extracting(Alert::detector, Alert::gridId, Alert::eventIds)
                    .containsExactlyInAnyOrder(
                            tuple("repeated_dispute", GRID_A, List.of("C-A1", "C-A2", "C-A3")),
                            tuple("repeated_dispute", GRID_B, List.of("C-B1", "C-B2", "C-B3")));
            Alert silenced = alerts.collected().stream().filter(a -> a.gridId().equals(GRID_B)).findFirst().orElseThrow();
            Alert told = alerts.collected().stream().filter(a -> a.gridId().equals(GRID_A)).findFirst().orElseThrow();
            assertThat(silenced.silence()).isEqualTo(silence);
            assertThat(told.silence()).isNull();

            // The lead of grid A is told; nobody acknowledges, so it escalates to the community and then the street.
            assertThat(robots.requests()).extracting(Request::query)
                    .containsExactlyInAnyOrder("lead-a", "community", "street");
            assertThat(escalations.collected()).extracting(Escalation::alertId, Escalation::to).containsExactly(
                    tuple(told.alertId(), Tier.COMMUNITY),
                    tuple(told.alertId(), Tier.STREET));
            assertThat(failed.collected()).isEmpty();

            // Each grid's days: one complaint each, the duplicate not counted; the alert on the day it was raised.
            LocalDate day5 = LocalDate.of(2026, 3, 6);
            assertThat(days.collected()).filteredOn(day -> day.gridId().equals(GRID_A))
                    .extracting(GridDay::date, GridDay::complaints)
                    .containsExactlyInAnyOrder(
                            tuple(LocalDate.of(2026, 3, 2), 1),
                            tuple(LocalDate.of(2026, 3, 4), 1),
                            tuple(day5, 1));
            assertThat(days.collected()).filteredOn(day -> day.date().equals(day5))
                    .extracting(GridDay::gridId, GridDay::alertsByDetector)
                    .containsExactlyInAnyOrder(
                            tuple(GRID_A, Map.of("repeated_dispute", 1)),
                            tuple(GRID_B, Map.of("repeated_dispute", 1)));
        }
    }

    private static GridEvent answer(String complaintId, String gridId, Instant day) {
        return patrol("F-" + complaintId, gridId, day.plus(Duration.ofMinutes(10)), PatrolKind.FOLLOWUP, complaintId);
    }

    private static <T> CollectingSink<T> collect(DataStream<T> stream) {
        CollectingSink<T> sink = new CollectingSink<>();
        stream.sinkTo(sink).name("Collect");
        return sink;
    }

    private static Silence sent(Silence silence) {
        SILENCE_SENT.countDown();
        return silence;
    }

    private static GridEvent afterTheSilence(GridEvent event) throws InterruptedException {
        assertThat(SILENCE_SENT.await(1, TimeUnit.MINUTES)).as("the silence was sent").isTrue();
        return event;
    }
}
