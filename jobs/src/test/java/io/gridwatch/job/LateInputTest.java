package io.gridwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.config.JobConfig;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.detect.hotspot.ClusterHotspotDetector;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Delivery;
import io.gridwatch.simulate.Intake;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.SimulatedCity;
import io.gridwatch.testing.TestRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input a city really sends, on the real Kafka with the default lateness settings: a simulated month whose
 * complaints are reported minutes to two days after they happened, whose hotline pushes its tickets in ten-minute
 * batches and whose patrol apps sync offline visits hours later ({@link Intake#REALISTIC}), fed in the order it
 * arrives. It must raise the alerts of the same events replayed in event-time order: none lost to lateness, and no
 * overdue alert for a complaint answered in time but synced late.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class LateInputTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final Instant HISTORY_END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
    /** After every delivery (reports up to two days late, visits synced up to eight hours late). */
    private static final Instant END_OF_INPUT = HISTORY_END.plus(Duration.ofHours(60));
    /** Hotspots count complaints by when they came, which late arrival shifts by minutes: compared by grid. */
    private static final Set<String> COUNTED_BY_ARRIVAL = Set.of(GridHotspotDetector.NAME, ClusterHotspotDetector.NAME);

    private static SimulatedCity city;

    @TempDir
    static Path files;

    /** Seed 17, used by no other test. */
    @BeforeAll
    static void simulateTheCity() throws IOException {
        city = SimulatedCity.of(CitySpec.SMALL, 17, HISTORY_END, files, Intake.REALISTIC);
    }

    @Test
    void alertsAsAReplayInEventTimeOrderWhenReportsAndVisitsArriveLate(
            @TempDir Path replayCheckpoints, @TempDir Path checkpoints) throws Exception {
        List<Delivery> deliveries = city.simulation().deliveries();
        assertThat(deliveries).as("input that really comes late")
                .filteredOn(d -> d.event() instanceof Patrol && d.at().isAfter(d.event().occurredAt().plusSeconds(3600)))
                .hasSizeGreaterThan(20);
        assertThat(deliveries).filteredOn(d -> d.event() instanceof Complaint c
                        && c.reportedAt().isAfter(c.occurredAt().plus(Duration.ofHours(6))))
                .isNotEmpty();

        List<Alert> replayed = alerts(run(city::feedInTimeOrder, replayCheckpoints));
        List<Alert> live = alerts(run(city::feed, checkpoints));

        assertThat(replayed).as("alerts of the replay").hasSizeGreaterThan(15);
        assertThat(facts(live)).containsExactlyInAnyOrderElementsOf(facts(replayed));
        assertThat(hotGrids(live)).isEqualTo(hotGrids(replayed));
        Set<String> unanswered = unansweredComplaints();
        assertThat(live).filteredOn(a -> a.detector().equals(OverdueResponseDetector.NAME))
                .as("overdue only for complaints nobody answered in time")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(unanswered).contains(a.key()));
    }

    /** Feeds the city into a new run's topics, runs the job until all is read, returns what it published. */
    private static List<String> run(Feeder feeder, Path checkpoints) throws Exception {
        TestRun run = new TestRun();
        Map<String, String> settings = new HashMap<>(Map.of(
                "checkpoint.storage", checkpoints.toUri().toString(),
                "checkpoint.interval", "500 ms",
                "registry.path", city.registry().toString(),
                // No partition counts as idle: the wall clock never enters event time, in either run.
                "events.idle-timeout", "1 h",
                "elasticsearch.bulk.flush-interval", "200 ms"));
        JobConfig config = run.config(settings);
        feeder.feed(run);
        city.appendEndOfInput(run, END_OF_INPUT);
        return run.runLiveUntilAllInputTaken(config, new Configuration(), checkpoints);
    }

    private interface Feeder {
        void feed(TestRun run) throws InterruptedException;
    }

    /** Alerts raised (or recovered) before the end of input, when event time last moved in both runs alike. */
    private static List<Alert> alerts(List<String> records) {
        Instant end = END_OF_INPUT.minus(GridWatchOptions.MAX_OUT_OF_ORDERNESS.defaultValue());
        return records.stream()
                .map(record -> AlertCodec.decode(record.getBytes(StandardCharsets.UTF_8)))
                .filter(alert -> !(alert.recoveredAt() != null ? alert.recoveredAt() : alert.createdAt()).isAfter(end))
                .toList();
    }

    private static List<String> facts(List<Alert> alerts) {
        return alerts.stream()
                .filter(alert -> !COUNTED_BY_ARRIVAL.contains(alert.detector()))
                .map(alert -> String.join(" ", alert.alertId(), alert.detector(), alert.level().wireName(),
                        alert.gridId(), String.valueOf(alert.key()), alert.createdAt().toString(),
                        String.valueOf(alert.count()), String.valueOf(alert.recoveredAt())))
                .toList();
    }

    private static Set<String> hotGrids(List<Alert> alerts) {
        return alerts.stream().filter(alert -> COUNTED_BY_ARRIVAL.contains(alert.detector()))
                .map(alert -> alert.detector() + " " + alert.gridId()).collect(Collectors.toSet());
    }

    /** Complaints of the month that no follow-up or resolution answered within their SLA. */
    private static Set<String> unansweredComplaints() {
        List<GridEvent> events = city.simulation().events();
        Map<String, Instant> firstAnswer = new HashMap<>();
        events.stream().filter(OverdueResponseDetector::isAnswer).map(Patrol.class::cast)
                .forEach(p -> firstAnswer.merge(p.refEventId(), p.occurredAt(), (a, b) -> a.isBefore(b) ? a : b));
        return events.stream().filter(e -> e instanceof Complaint).map(Complaint.class::cast)
                .filter(c -> {
                    Instant answered = firstAnswer.get(c.eventId());
                    Duration sla = Detection.DEFAULT_RULES.overdueResponse().base().slaFor(c.severity());
                    return answered == null || !answered.isBefore(c.reportedAt().plus(sla));
                })
                .map(Complaint::eventId)
                .collect(Collectors.toSet());
    }
}
