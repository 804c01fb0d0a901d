package io.gridwatch.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.config.JobConfig;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.Checkpoints;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticsearch.action.get.MultiGetItemResponse;
import org.elasticsearch.action.get.MultiGetRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault injected into the whole job on the real Kafka and Elasticsearch: a simulated month of a 48-grid city, run
 * once undisturbed as the reference, and again killed mid-stream and restarted from its last retained checkpoint.
 * Record for record the same alerts must come out on the alerts topic — none missing, none published twice — and
 * the same documents be indexed. It holds because detectors take their input in event-time order
 * ({@link io.gridwatch.detect.EventTimeBuffer}, CEP): the restored job reads its partitions in another interleaving.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class FaultToleranceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** A day ago, so that the end of input can lie beyond the history and still not in the future. */
    private static final Instant HISTORY_END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

    private static SimulatedCity city;

    @TempDir
    static Path files;

    @BeforeAll
    static void simulateTheCity() throws IOException {
        city = SimulatedCity.of(new CitySpec(1, 4, 3, 4), 5, HISTORY_END, files);
    }

    @Test
    void losesAndDoublesNoAlertWhenKilledAndRestartedFromItsLastCheckpoint(
            @TempDir Path referenceCheckpoints, @TempDir Path checkpoints) throws Exception {
        TestRun reference = new TestRun();
        JobConfig referenceConfig = feed(reference, settings(referenceCheckpoints));
        appendEndOfInput(reference);
        List<String> expected = reference.runLiveUntilAllInputTaken(referenceConfig, new Configuration(),
                referenceCheckpoints);
        Map<String, Map<String, Object>> expectedDocuments = alertDocuments(expected);
        deleteAlertDocuments(expectedDocuments.keySet());

        TestRun faulty = new TestRun();
        JobConfig config = feed(faulty, settings(checkpoints));
        JobClient killed = faulty.startLive(config, new Configuration());
        await().atMost(Duration.ofSeconds(60)).until(() -> Checkpoints.latest(checkpoints), Optional::isPresent);
        killed.cancel().get();
        assertThat(faulty.unread()).as("killed mid-stream: input was left").isPositive();
        // Only now, so that every partition has something left to read after the restore (see appendEndOfInput).
        appendEndOfInput(faulty);

        Path checkpoint = Checkpoints.latest(checkpoints).orElseThrow();
        JobClient restarted = faulty.startLive(config,
                Configuration.fromMap(Map.of(StateRecoveryOptions.SAVEPOINT_PATH.key(), checkpoint.toString())));
        List<String> published = faulty.awaitAllInputTaken(checkpoints);
        restarted.cancel().get();

        assertThat(expected).as("alerts of the undisturbed run").hasSizeGreaterThan(50);
        assertThat(published).as("no alert record published twice").doesNotHaveDuplicates();
        assertThat(published).as("record for record the alerts of the undisturbed run")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(alertDocuments(published)).as("every alert indexed as in the undisturbed run")
                .isEqualTo(expectedDocuments);
    }

    /**
     * Appends one patrol half a day after the history to every input partition, as the last record of each. Event
     * time then passes the history's deadlines in both runs alike. And a restored job needs it: watermarks are not
     * checkpointed, so a partition read to its end before the kill would otherwise bring no record after the restore
     * and hold the job's event time back until it counted as idle — and then let it jump to the wall clock, making
     * late whatever another partition still held.
     */
    private static void appendEndOfInput(TestRun run) {
        city.appendEndOfInput(run, HISTORY_END.plus(Duration.ofHours(12)));
    }

    /**
     * The runs' settings. While a month of backlog is read, no partition may count as idle: its watermark would jump
     * to now, and whatever another partition of its reader still holds would be late.
     */
    private static Map<String, String> settings(Path checkpoints) {
        return Map.of(
                "checkpoint.storage", checkpoints.toUri().toString(),
                "registry.path", city.registry().toString(),
                "events.idle-timeout", "1 h",
                "events.max-out-of-orderness", "1 min",
                "checkpoint.interval", "500 ms",
                "elasticsearch.bulk.flush-interval", "200 ms");
    }

    /** The run's configuration, its topics created and the city's events on them. */
    private static JobConfig feed(TestRun run, Map<String, String> settings) throws InterruptedException {
        JobConfig config = run.config(settings);
        city.feed(run);
        return config;
    }

    /** The alert documents of the alerts in {@code records}, by id. */
    private static Map<String, Map<String, Object>> alertDocuments(List<String> records) throws IOException {
        Set<String> ids = new TreeSet<>();
        records.forEach(r -> ids.add(AlertCodec.decode(r.getBytes(StandardCharsets.UTF_8)).alertId()));
        MultiGetRequest request = new MultiGetRequest();
        ids.forEach(id -> request.add(Indices.ALERTS, id));
        Map<String, Map<String, Object>> documents = new HashMap<>();
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            for (MultiGetItemResponse item : client.mget(request, RequestOptions.DEFAULT).getResponses()) {
                documents.put(item.getId(), item.getResponse().isExists() ? item.getResponse().getSourceAsMap() : null);
            }
        }
        return documents;
    }

    private static void deleteAlertDocuments(Set<String> ids) throws IOException {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            for (String id : ids) {
                client.delete(new org.elasticsearch.action.delete.DeleteRequest(Indices.ALERTS, id), RequestOptions.DEFAULT);
            }
        }
    }
}
