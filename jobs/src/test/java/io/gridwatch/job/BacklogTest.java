package io.gridwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.config.JobConfig;
import io.gridwatch.simulate.CitySpec;
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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog read for longer than {@code events.idle-timeout} — a restart after an outage, consumer lag — on the real
 * Kafka: a simulated month of a 12-grid city, waiting on its topics, read slowly (small fetches that wait) so that
 * reading it takes many idle timeouts while every partition always has events. It must raise the alerts of an
 * undisturbed run. It once raised almost none: the source reader's own watermark generator, which sees no event,
 * counted as idle after the timeout and pulled the watermark to the wall clock, past the whole backlog.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class BacklogTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final Instant HISTORY_END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
    /** One patrol per input partition after the history: event time then passes its deadlines in both runs. */
    private static final Instant END_OF_INPUT = HISTORY_END.plus(Duration.ofHours(12));
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(1);

    private static SimulatedCity city;

    @TempDir
    static Path files;

    /** Seed 13, used by no other test. */
    @BeforeAll
    static void simulateTheCity() throws IOException {
        city = SimulatedCity.of(CitySpec.SMALL, 13, HISTORY_END, files);
    }

    @Test
    void alertsAsAnUndisturbedRunWhenABacklogTakesManyIdleTimeoutsToRead(
            @TempDir Path referenceCheckpoints, @TempDir Path checkpoints) throws Exception {
        // The reference never counts a partition idle, so the wall clock never enters its event time.
        List<String> expected = alertKeys(run(Map.of("events.idle-timeout", "1 h"), referenceCheckpoints));

        Map<String, String> slow = new HashMap<>(Map.of(
                "events.idle-timeout", IDLE_TIMEOUT.toSeconds() + " s",
                // About 40 records per partition and fetch, and every fetch waits 300 ms: reading takes many
                // idle timeouts, and no partition is ever silent for one.
                "kafka.properties.max.partition.fetch.bytes", "16384",
                "kafka.properties.fetch.min.bytes", "100000000",
                "kafka.properties.fetch.max.wait.ms", "300"));
        long started = System.nanoTime();
        List<String> published = alertKeys(run(slow, checkpoints));
        Duration reading = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reading).as("the backlog took many idle timeouts to read").isGreaterThan(IDLE_TIMEOUT.multipliedBy(4));
        assertThat(expected).as("alerts of the undisturbed run").hasSizeGreaterThan(15);
        assertThat(published).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Feeds the city into a new run's topics, runs the job until all is read, returns what it published. */
    private static List<String> run(Map<String, String> more, Path checkpoints) throws Exception {
        TestRun run = new TestRun();
        Map<String, String> settings = new HashMap<>(more);
        settings.putAll(Map.of(
                "checkpoint.storage", checkpoints.toUri().toString(),
                "checkpoint.interval", "500 ms",
                "registry.path", city.registry().toString(),
                "events.max-out-of-orderness", OUT_OF_ORDERNESS.toSeconds() + " s",
                "elasticsearch.bulk.flush-interval", "200 ms"));
        JobConfig config = run.config(settings);
        city.feed(run);
        city.appendEndOfInput(run, END_OF_INPUT);
        return run.runLiveUntilAllInputTaken(config, new Configuration(), checkpoints);
    }

    /**
     * What identifies an alert, for those raised (or recovered) up to the end of input: once the slow run has read
     * everything, its partitions go idle and its event time moves on to the wall clock, past deadlines (and hotspot
     * re-checks) the reference never reaches.
     */
    private static List<String> alertKeys(List<String> records) {
        return records.stream()
                .map(record -> AlertCodec.decode(record.getBytes(StandardCharsets.UTF_8)))
                .filter(alert -> !(alert.recoveredAt() != null ? alert.recoveredAt() : alert.createdAt())
                        .isAfter(END_OF_INPUT.minus(OUT_OF_ORDERNESS)))
                .map(BacklogTest::key)
                .toList();
    }

    private static String key(Alert alert) {
        return String.join(" ", alert.alertId(), alert.detector(), alert.level().wireName(), alert.gridId(),
                String.valueOf(alert.key()), alert.createdAt().toString(), String.valueOf(alert.count()),
                String.valueOf(alert.recoveredAt()));
    }
}
