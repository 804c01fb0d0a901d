package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.config.JobConfig;
import io.gridwatch.notify.Notification;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.kafka.ControlRecordPublisher;
import io.gridwatch.testing.JobProgress;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.RecordingServer;
import io.gridwatch.testing.RecordingServer.Answer;
import io.gridwatch.testing.RecordingServer.Request;
import io.gridwatch.testing.RobotRoutes;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.StoredAlerts;
import io.gridwatch.testing.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notification through the whole job against the real Kafka, the real Elasticsearch and a real HTTP server standing
 * in for the chat robots: escalation on (live) event time, acknowledgement stopping it through the lifecycle topic,
 * and no notice sent twice when the job is stopped with a savepoint and restarted from it.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class NotifyEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final TestRun test = new TestRun();

    @TempDir
    Path dir;

    @Test
    void escalatesUnacknowledgedAlertsTierByTierAndStopsWhenStaffAcknowledge() throws Exception {
        try (RecordingServer robots = new RecordingServer(Answer.ok("{\"errcode\":0}"))) {
            JobClient job = test.startLive(config(robots, "12s"), new Configuration());
            try {
                // Two disputes in the same community: A is acknowledged once the community hears of it, B never is.
                test.sendDispute(GRID_A, SUBJECT_1, "A");
                test.sendDispute(GRID_B, SUBJECT_2, "B");
                String a = await().atMost(WAIT).until(() -> alertIdOf(robots, "lead-a"), id -> id != null);
                await().atMost(WAIT).until(() -> notices(robots, a, "community").size() == 1);
                acknowledge(a);

                String b = alertIdOf(robots, "lead-b");
                await().atMost(WAIT).until(() -> notices(robots, b, "street").size() == 1);
                // A's street deadline came no later than B's (its alert came first), and B's has passed: once event
                // time has passed now where notices are sent, a street notice for A would have been sent.
                Instant bEscalated = Instant.now();
                JobProgress progress = new JobProgress(FLINK.getClientConfiguration(), job.getJobID());
                await().atMost(WAIT).ignoreExceptions()
                        .until(() -> progress.inputWatermark("Deliver notices").isAfter(bEscalated));

                assertThat(tiersNotified(robots, a)).containsExactly("lead-a", "community");
                assertThat(tiersNotified(robots, b)).containsExactly("lead-b", "community", "street");
                assertThat(notices(robots, b, "street").get(0).body()).contains("【升级至镇街指挥中心】");
                try (RestHighLevelClient client = TestRun.elasticsearch()) {
                    assertThat(historyExists(client, b + ":escalated:community")).isTrue();
                    assertThat(historyExists(client, b + ":escalated:street")).isTrue();
                    assertThat(historyExists(client, a + ":escalated:community")).isTrue();
                    assertThat(historyExists(client, a + ":escalated:street")).isFalse();
                    // The lifecycle topic is the source of truth: the job wrote the acknowledgement's documents.
                    await().atMost(WAIT).until(() -> historyExists(client, a + ":acknowledged"));
                    assertThat(StoredAlerts.status(client, a)).isEqualTo("acknowledged");
                }
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void neverSendsANoticeTwiceWhenRestartedFromASavepoint() throws Exception {
        try (RecordingServer robots = new RecordingServer(Answer.ok("{\"errcode\":0}"))) {
            JobConfig config = config(robots, "20s");
            JobClient first = test.startLive(config, new Configuration());
            test.sendDispute(GRID_A, SUBJECT_1, "A");
            String a = await().atMost(WAIT).until(() -> alertIdOf(robots, "lead-a"), id -> id != null);
            String savepoint = first.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL).get();

            JobClient second = test.startLive(config, Configuration.fromMap(Map.of(StateRecoveryOptions.SAVEPOINT_PATH.key(), savepoint)));
            try {
                // More of the same dispute: suppression merges it into alert A, which the lead already has.
                new KafkaTestClient(SharedServices.kafka().bootstrapServers()).send(test.complaints, List.of(EventCodec.encode(
                        complaint(test.id + "-A-4").grid(GRID_A).subject(SUBJECT_1).at(Instant.now()).build())));
                // The escalation timer set before the stop fires after the restart.
                await().atMost(WAIT).until(() -> notices(robots, a, "community").size() == 1);

                assertThat(tiersNotified(robots, a)).containsExactly("lead-a", "community");
            } finally {
                second.cancel().get();
            }
        }
    }

    @Test
    void staysQuietForASilencedGridWhileItsAlertsAreIndexedMarked() throws Exception {
        try (RecordingServer robots = new RecordingServer(Answer.ok("{\"errcode\":0}"))) {
            JobConfig config = config(robots, "12s");
            Silence works = new Silence("S-" + test.id, GRID_A, null, null, Instant.now().minusSeconds(60),
                    Instant.now().plus(Duration.ofHours(1)), "燃气管道施工，集中投诉已知", "值班长");
            try (ControlRecordPublisher publisher = new ControlRecordPublisher(SharedServices.kafka().bootstrapServers(), test.silences)) {
                publisher.publish(works.id(), works);
            }
            JobClient job = test.startLive(config, new Configuration());
            try {
                // The silence is read from the beginning of its topic at start: every task marking alerts has it
                // before the disputes are sent (its only other input is alerts, and none has been raised yet).
                JobProgress progress = new JobProgress(FLINK.getClientConfiguration(), job.getJobID());
                await().atMost(WAIT).ignoreExceptions().until(() -> progress.recordsIn("Mark silenced alerts") >= 1);
                test.sendDispute(GRID_A, SUBJECT_1, "A");
                test.sendDispute(GRID_B, SUBJECT_2, "B");
                String b = await().atMost(WAIT).until(() -> alertIdOf(robots, "lead-b"), id -> id != null);
                await().atMost(WAIT).until(() -> notices(robots, b, "community").size() == 1);

                List<String> evidence = List.of(test.id + "-A-1", test.id + "-A-2", test.id + "-A-3");
                Alert silenced = await().atMost(WAIT).until(() -> repeatedDisputeWith(evidence), a -> a != null);
                assertThat(silenced.silence()).isEqualTo(works);
                assertThat(robots.requests()).as("nothing about grid A to anyone")
                        .noneMatch(r -> r.body().contains("幸福里第一网格"));
            } finally {
                job.cancel().get();
            }
        }
    }

    private static Alert repeatedDisputeWith(List<String> eventIds) throws IOException {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest(Indices.ALERTS), RequestOptions.DEFAULT);
            SearchHit[] hits = client.search(new SearchRequest(Indices.ALERTS).source(new SearchSourceBuilder()
                                    .query(QueryBuilders.boolQuery()
                                            .filter(QueryBuilders.termQuery("detector", "repeated_dispute"))
                                            .filter(QueryBuilders.termsQuery("eventIds", eventIds)))),
                            RequestOptions.DEFAULT)
                    .getHits().getHits();
            return hits.length == 0 ? null : AlertCodec.decode(hits[0].getSourceAsString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Routes every tier of grids A and B to its own query on {@code robots}; everything escalates after {@code deadline}. */
    private JobConfig config(RecordingServer robots, String deadline) throws IOException {
        return RobotRoutes.config(test, dir, robots, deadline, "", Map.of());
    }

    /** Publishes the lead's acknowledgement on the lifecycle topic only: the job must write its documents. */
    private void acknowledge(String alertId) throws Exception {
        try (ControlRecordPublisher publisher = new ControlRecordPublisher(SharedServices.kafka().bootstrapServers(), test.lifecycle)) {
            publisher.publish(alertId, new LifecycleEvent(alertId, "acknowledged", "王建国", Instant.now(), "已上门", "open"));
        }
    }

    /** The repeated-dispute alert the lead behind {@code lead} was told of, or {@code null}. */
    private static String alertIdOf(RecordingServer robots, String lead) {
        return robots.requests().stream()
                .filter(r -> r.query().equals(lead) && r.body().contains("矛盾纠纷反复"))
                .map(r -> key(r).substring(0, key(r).indexOf(':')))
                .findFirst()
                .orElse(null);
    }

    private static List<RecordingServer.Request> notices(RecordingServer robots, String alertId, String tier) {
        return robots.requests().stream().filter(r -> r.query().equals(tier) && key(r).startsWith(alertId + ":")).toList();
    }

    /** The tiers that heard of {@code alertId}, in order; a tier twice would be a duplicate. */
    private static List<String> tiersNotified(RecordingServer robots, String alertId) {
        return robots.requests().stream().filter(r -> key(r).startsWith(alertId + ":")).map(RecordingServer.Request::query).toList();
    }

    private static String key(RecordingServer.Request request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            return body.path("idempotencyKey").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean historyExists(RestHighLevelClient client, String id) throws IOException {
        return client.exists(new GetRequest(Indices.HISTORY, id), RequestOptions.DEFAULT);
    }
}
