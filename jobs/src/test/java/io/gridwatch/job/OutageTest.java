package io.gridwatch.job;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Subject;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.core.CountRequest;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live job through outages of the real services: Elasticsearch stopped for a minute (the job backs off and does
 * not fail), and the Kafka broker restarted (the job recovers from its checkpoint). Nothing is lost either way.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class OutageTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Map<String, String> LIVE = Map.of(
            "elasticsearch.bulk.flush-interval", "200 ms",
            "events.max-out-of-orderness", "1 s",
            "events.idle-timeout", "2 s",
            "checkpoint.interval", "1 s");

    /**
     * A restarted broker takes the job's consumers some seconds to reach again (longer when the broker holds the whole
     * suite's topics), and an event read later than {@code events.max-out-of-orderness} after it happened is late by
     * design: indexed, not detected. Production allows 5 minutes; this test allows 30 s.
     */
    private static final Map<String, String> LIVE_ACROSS_RESTART = withOutOfOrderness(LIVE, "30 s");

    private final TestRun test = new TestRun();
    private final KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());

    @Test
    void losesNothingAndKeepsRunningWhileElasticsearchIsDownForAMinute() throws Exception {
        JobClient job = test.startLive(test.config(LIVE), new Configuration());
        try {
            List<String> before = dispute(GRID_A, SUBJECT_1, "before");
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> alertOf(before) != null);

            SharedServices.elasticsearch().stop();
            List<String> during = dispute(GRID_B, SUBJECT_2, "during");
            Thread.sleep(60_000);
            assertThat(job.getJobStatus().get()).as("backing off, not failing").isEqualTo(JobStatus.RUNNING);
            SharedServices.elasticsearch().start();

            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> alertOf(during) != null);
            // Each sink backs off on its own (up to 10 s between tries): the events may follow the alert.
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> indexedEvents(before, during) == 6);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            SharedServices.elasticsearch().start();
            job.cancel().get();
        }
    }

    @Test
    void losesAndDoublesNothingWhenTheKafkaBrokerRestarts() throws Exception {
        JobClient job = test.startLive(test.config(LIVE_ACROSS_RESTART), Configuration.fromMap(Map.of(
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "30",
                "restart-strategy.fixed-delay.delay", "2 s")));
        try {
            List<String> before = dispute(GRID_A, SUBJECT_1, "before");
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> alertOf(before) != null);

            SharedServices.kafka().stop();
            Thread.sleep(10_000);
            SharedServices.kafka().start();
            List<String> after = dispute(GRID_B, SUBJECT_2, "after");

            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> indexedEvents(after) == 3);
            assertThat(lateEvents(after)).as("events read within the allowed out-of-orderness are not late").isZero();
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> alertOf(after) != null);
            List<Alert> published = kafka.readAll(test.alerts, 100, Duration.ofSeconds(20)).stream()
                    .map(ConsumerRecord::value).map(AlertCodec::decode).toList();
            assertThat(published).filteredOn(a -> a.detector().equals("repeated_dispute"))
                    .extracting(Alert::alertId)
                    .as("each alert published once")
                    .containsExactlyInAnyOrder(alertOf(before).alertId(), alertOf(after).alertId());
            assertThat(indexedEvents(before, after)).isEqualTo(6);
        } finally {
            SharedServices.kafka().start();
            job.cancel().get();
        }
    }

    private static Map<String, String> withOutOfOrderness(Map<String, String> settings, String outOfOrderness) {
        Map<String, String> changed = new HashMap<>(settings);
        changed.put("events.max-out-of-orderness", outOfOrderness);
        return changed;
    }

    /** Three complaints about one subject, now: a repeated dispute. Returns their ids. */
    private List<String> dispute(String gridId, Subject subject, String name) {
        Instant now = Instant.now();
        List<String> ids = List.of(test.id + "-" + name + "-1", test.id + "-" + name + "-2", test.id + "-" + name + "-3");
        kafka.send(test.complaints, List.of(
                EventCodec.encode(complaint(ids.get(0)).grid(gridId).subject(subject).at(now).build()),
                EventCodec.encode(complaint(ids.get(1)).grid(gridId).subject(subject).at(now.plusMillis(1)).build()),
                EventCodec.encode(complaint(ids.get(2)).grid(gridId).subject(subject).at(now.plusMillis(2)).build())));
        return ids;
    }

    private static Alert alertOf(List<String> evidence) throws Exception {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest(Indices.ALERTS), RequestOptions.DEFAULT);
            var hits = client.search(new SearchRequest(Indices.ALERTS).source(new SearchSourceBuilder()
                            .query(QueryBuilders.boolQuery()
                                    .filter(QueryBuilders.termQuery("detector", "repeated_dispute"))
                                    .filter(QueryBuilders.termsQuery("eventIds", evidence)))), RequestOptions.DEFAULT)
                    .getHits().getHits();
            return hits.length == 0 ? null : AlertCodec.decode(hits[0].getSourceAsString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @SafeVarargs
    private static long indexedEvents(List<String>... ids) throws Exception {
        return countEvents(QueryBuilders.termsQuery("eventId", Arrays.stream(ids).flatMap(List::stream).toList()));
    }

    private static long lateEvents(List<String> ids) throws Exception {
        return countEvents(QueryBuilders.boolQuery()
                .filter(QueryBuilders.termsQuery("eventId", ids))
                .filter(QueryBuilders.termQuery("late", true)));
    }

    private static long countEvents(QueryBuilder query) throws Exception {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest("gridwatch-events-*"), RequestOptions.DEFAULT);
            return client.count(new CountRequest("gridwatch-events-*").query(query), RequestOptions.DEFAULT).getCount();
        }
    }
}
