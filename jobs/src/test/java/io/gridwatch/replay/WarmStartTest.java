package io.gridwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.testing.TestEvents;
import io.gridwatch.config.JobConfig;
import io.gridwatch.detect.PatrolGapDetector;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Delivery;
import io.gridwatch.simulate.Intake;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.SimulatedCity;
import io.gridwatch.testing.TestRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment's first week after a warm start from its hotline's past: 90 days of a simulated city replayed into a
 * savepoint ({@link WarmStart}), then the live job, started from it, reads the next week from the real Kafka. It must
 * raise in that week exactly what a replay of all 97 days raises there — the history's baselines, last-seen
 * categories, open complaints, partial disputes and patrols carried over — where a cold start misses what only the
 * history knew: the gap of a grid last patrolled before the live week, and that a busy grid is always this busy.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class WarmStartTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
    private static final Instant LIVE_FROM = END.minus(Duration.ofDays(7));
    /** One patrol per input partition after the week: event time then passes its deadlines. */
    private static final Instant END_OF_INPUT = END.plus(Duration.ofHours(12));

    @TempDir
    Path files;

    @Test
    void alertsInTheFirstLiveWeekAsAReplayOfTheWholePastDoes(
            @TempDir Path savepoints, @TempDir Path checkpoints, @TempDir Path coldCheckpoints) throws Exception {
        SimulatedCity city = SimulatedCity.of(CitySpec.SMALL, 23, END, 97, files, Intake.PROMPT);
        // One grid's worker stops two days before the live week: its gap falls due within the week.
        String neglected = city.simulation().registry().grids().stream().skip(3).findFirst().orElseThrow().gridId();
        Instant stops = LIVE_FROM.minus(Duration.ofDays(2));
        // One grid much busier than the prior: two complaints an hour, each answered, for two months up to the end —
        // long enough for its baseline (half-life 14 days) to have learnt it.
        String busy = city.simulation().registry().grids().stream().skip(5).findFirst().orElseThrow().gridId();
        List<GridEvent> events = new ArrayList<>(city.simulation().events().stream()
                .filter(e -> !(e.gridId().equals(neglected) && !e.knownAt().isBefore(stops)))
                .toList());
        for (Instant at = END.minus(Duration.ofDays(60)); at.isBefore(END); at = at.plus(Duration.ofMinutes(30))) {
            String id = "BUSY-" + at.getEpochSecond();
            events.add(TestEvents.complaint(id).grid(busy).at(at).category(Category.NOISE).severity(1)
                    .complainant("居民", "139" + (10_000_000 + at.getEpochSecond() % 90_000_000)).build());
            events.add(TestEvents.patrol("A-" + id, busy, at.plus(Duration.ofMinutes(10)), PatrolKind.FOLLOWUP, id));
        }
        events.sort(Comparator.comparing(GridEvent::knownAt).thenComparing(GridEvent::eventId));
        List<GridEvent> history = events.stream().filter(e -> e.knownAt().isBefore(LIVE_FROM)).toList();
        List<Delivery> week = events.stream().filter(e -> !e.knownAt().isBefore(LIVE_FROM))
                .map(e -> new Delivery(e, e.knownAt())).toList();

        Set<String> replayed = inTheWeek(Replay.run(
                new History(events, city.simulation().registry(), false, List.of()), Detection.DEFAULT_RULES, null,
                read -> {}));

        TestRun warm = new TestRun();
        JobConfig config = warm.config(settings(city, checkpoints));
        String savepoint = WarmStart.savepoint(config, history, savepoints.toUri().toString());
        Set<String> warmStarted = live(warm, config, city, week, checkpoints, Configuration.fromMap(Map.of(
                StateRecoveryOptions.SAVEPOINT_PATH.key(), savepoint,
                StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE.key(), "true")));
        TestRun cold = new TestRun();
        Set<String> coldStarted = live(cold, cold.config(settings(city, coldCheckpoints)), city, week, coldCheckpoints,
                new Configuration());

        assertThat(replayed).as("the replay's alerts in the week")
                .anyMatch(line -> line.startsWith(PatrolGapDetector.NAME + " " + neglected))
                .noneMatch(line -> line.startsWith(GridHotspotDetector.NAME + " " + busy))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(warmStarted).containsExactlyInAnyOrderElementsOf(replayed);
        assertThat(coldStarted).as("a cold start knows nothing of the grid's last patrol")
                .noneMatch(line -> line.startsWith(PatrolGapDetector.NAME + " " + neglected))
                .as("nor of the busy grid's baseline")
                .anyMatch(line -> line.startsWith(GridHotspotDetector.NAME + " " + busy));
    }

    private static Map<String, String> settings(SimulatedCity city, Path checkpoints) {
        return Map.of(
                "checkpoint.storage", checkpoints.toUri().toString(),
                "checkpoint.interval", "500 ms",
                "registry.path", city.registry().toString(),
                // No partition counts as idle: the wall clock never enters event time.
                "events.idle-timeout", "1 h",
                "elasticsearch.bulk.flush-interval", "200 ms");
    }

    private static Set<String> live(TestRun run, JobConfig config, SimulatedCity city, List<Delivery> week,
            Path checkpoints, Configuration flink) throws Exception {
        SimulatedCity.feed(run, week);
        city.appendEndOfInput(run, END_OF_INPUT);
        List<String> records = run.runLiveUntilAllInputTaken(config, flink, checkpoints);
        return inTheWeek(records.stream().map(r -> AlertCodec.decode(r.getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** The alerts raised in the live week, by what identifies them. */
    private static Set<String> inTheWeek(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> !a.createdAt().isBefore(LIVE_FROM) && a.createdAt().isBefore(END))
                .map(a -> String.join(" ", a.detector(), a.gridId(), String.valueOf(a.key()), a.level().wireName(),
                        a.alertId(), a.createdAt().toString()))
                .collect(Collectors.toSet());
    }
}
