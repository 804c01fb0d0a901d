package io.gridwatch.job;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.config.JobConfig;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.kafka.DeadLetterHeaders;
import io.gridwatch.sink.kafka.DeadLetterRecords;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.ExpectedAlerts;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * The whole early-warning job against the real Kafka broker and the real Elasticsearch server: events and bad
 * records produced into Kafka, the job run on a MiniCluster at parallelism 2 until it has read them all, and the
 * alert documents and dead letters read back.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class EarlyWarningJobEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private final TestRun test = new TestRun();
    private final String run = test.id;
    private final String complaints = test.complaints;
    private final String patrols = test.patrols;
    private final String alertsTopic = test.alerts;
    private final String deadLetters = test.deadLetters;
    private final String rulesTopic = test.rules;

    @Test
    void indexesTheRepeatedDisputeAlertAndDeadLettersTheBadRecords() throws Exception {
        test.config(Map.of());
        KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());
        String c1 = run + "-C-1", c2 = run + "-C-2", c3 = run + "-C-3";
        kafka.send(complaints, List.of(
                EventCodec.encode(complaint(c1).at(DAY_1).build()),
                EventCodec.encode(complaint(c3).at(DAY_3).severity(4).build()),
                EventCodec.encode(complaint(c2).at(DAY_2).build()),
                EventCodec.encode(complaint(run + "-N-1").at(DAY_2).grid(GRID_B).category(Category.NOISE)
                        .complainant("王小明", "13987654321").build())));
        kafka.send(patrols, List.of(EventCodec.encode(patrol(run + "-P-1", GRID_A, DAY_2, PatrolKind.VISIT, null))));
        Map<String, byte[]> bad = Map.of(
                "malformed_json", bytes("{\"eventId\": "),
                "missing_field", bytes(new String(EventCodec.encode(complaint(run + "-X").build()), StandardCharsets.UTF_8)
                        .replace("\"gridId\":\"G-XF-01-01\",", "")),
                "unknown_grid", EventCodec.encode(complaint(run + "-Y").grid("G-NOWHERE").build()),
                "future_timestamp", EventCodec.encode(complaint(run + "-Z").at(Instant.now().plus(Duration.ofDays(30))).build()));
        kafka.send(complaints, List.copyOf(bad.values()));

        test.runUntilInputIsRead(Map.of());

        List<String> evidence = List.of(c1, c2, c3);
        Alert expected = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.RED, 4, DAY_1, DAY_3, evidence);
        List<Alert> indexed = alertsInElasticsearchFor(List.of(c1, c2, c3, run + "-N-1"));
        assertThat(indexed).filteredOn(a -> a.detector().equals("repeated_dispute")).containsExactly(expected);
        // Alert messages name places and counts, never complainants.
        assertThat(indexed).isNotEmpty().allSatisfy(alert ->
                assertThat(alert.message()).doesNotContain("13987654321").doesNotContain("王小明"));
        // Nobody followed up any complaint: each is overdue once the end of input passes its deadline.
        assertThat(indexed).filteredOn(a -> a.detector().equals("overdue_response"))
                .extracting(Alert::key)
                .containsExactlyInAnyOrder(c1, c2, c3, run + "-N-1");

        // The one patrol is followed by silence: the end of input passes three patrol-gap deadlines. And c1 → c3 is an
        // escalation (severity 2 → 4), then c2 → c3 too, folded into it: one alert, indexed once, published twice.
        int patrolGaps = 3;
        int foldedEscalations = 1;
        List<ConsumerRecord<byte[], byte[]>> published = kafka.readAll(alertsTopic,
                indexed.size() + patrolGaps + foldedEscalations, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> AlertCodec.decode(r.value()))
                .containsAll(indexed)
                .filteredOn(a -> a.detector().equals("patrol_gap"))
                .extracting(Alert::level)
                .containsExactlyInAnyOrder(AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED);
        assertThat(published).hasSize(indexed.size() + patrolGaps + foldedEscalations);
        assertThat(published).filteredOn(r -> AlertCodec.decode(r.value()).detector().equals("repeated_dispute"))
                .singleElement()
                .satisfies(record -> {
                    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(expected.alertId());
                    assertThat(AlertCodec.decode(record.value())).isEqualTo(expected);
                });

        assertEveryEventIsIndexedWithTheComplainantMasked(List.of(c1, c2, c3, run + "-N-1", run + "-P-1"));
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            // 3 March in grid A: complaint c2, the patrol, and the overdue alert of c1 (due 24 h after 2 March 09:00).
            Map<String, Object> march3 = client.get(
                            new GetRequest(Indices.GRID_DAILY, GRID_A + "_2026-03-03"), RequestOptions.DEFAULT)
                    .getSourceAsMap();
            assertThat(march3).containsEntry("complaints", 1).containsEntry("patrols", 1)
                    .containsEntry("complaintsByCategory", Map.of("neighbor_dispute", 1))
                    .containsEntry("alertsByDetector", Map.of("overdue_response", 1));
        }

        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, bad.size(), Duration.ofSeconds(30));
        assertThat(letters).hasSize(bad.size());
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String reason = header(letter, DeadLetterHeaders.REASON);
            assertThat(bad).containsKey(reason);
            assertThat(letter.value()).as("sealed").isNotEqualTo(bad.get(reason));
            assertThat(TestRun.opened(letter.value())).as("original bytes of the %s record", reason).isEqualTo(bad.get(reason));
            assertThat(header(letter, DeadLetterRecords.SEALED)).startsWith("aes-256-gcm:");
            assertThat(header(letter, DeadLetterHeaders.DETAIL)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.ORIGIN)).startsWith(complaints + "-");
        }
        assertThat(letters).extracting(l -> header(l, DeadLetterHeaders.REASON))
                .containsExactlyInAnyOrderElementsOf(bad.keySet());
    }

    @Test
    void staysQuietAtTheEndOfBoundedInputAboutDeadlinesStillAhead() throws Exception {
        test.config(Map.of());
        KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());
        Instant now = Instant.now();
        String due = run + "-DUE", ahead = run + "-AHEAD";
        // Urgent complaints (2 h to answer): one answered by nobody for three hours, one an hour old.
        kafka.send(complaints, List.of(
                EventCodec.encode(complaint(due).at(now.minus(Duration.ofHours(3))).severity(4).build()),
                EventCodec.encode(complaint(ahead).at(now.minus(Duration.ofHours(1))).severity(4)
                        .subject(SUBJECT_2).build())));
        // A patrol yesterday: its grid's first gap is six days ahead.
        kafka.send(patrols, List.of(EventCodec.encode(patrol(run + "-P", GRID_B, now.minus(Duration.ofDays(1)),
                PatrolKind.VISIT, null))));

        test.runUntilInputIsRead(Map.of());

        List<Alert> published = test.alertRecords().stream()
                .map(record -> AlertCodec.decode(record.getBytes(StandardCharsets.UTF_8)))
                .toList();
        assertThat(published).filteredOn(a -> a.detector().equals("overdue_response")).extracting(Alert::key)
                .as("the deadline passed before the job started, the other is still ahead").containsExactly(due);
        assertThat(published).filteredOn(a -> a.detector().equals("patrol_gap")).isEmpty();
    }

    @Test
    void flagsAnOverdueComplaintAtItsDeadlineWhenNoFurtherEventArrives(@TempDir Path dir) throws Exception {
        test.config(Map.of());
        // An urgent complaint's SLA shortened to 5 s and the wait for a late answer to 2 s, so the alert falls due
        // while the test waits.
        Path rules = Files.writeString(dir.resolve("rules.yaml"), new String(
                        EarlyWarningJobEndToEndTest.class.getResourceAsStream("/gridwatch/rules.yaml").readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("sla: { 4: 2h,", "sla: { 4: 5s,")
                .replace("allowed_lateness: 30m", "allowed_lateness: 2s"));
        JobConfig config = test.config(Map.of(
                "elasticsearch.bulk.flush-interval", "200 ms",
                "events.max-out-of-orderness", "1 s",
                "events.idle-timeout", "2 s",
                "rules.path", rules.toString()));
        JobClient job = test.startLive(config, new Configuration());
        try {
            String complaintId = run + "-URGENT";
            new KafkaTestClient(SharedServices.kafka().bootstrapServers()).send(complaints, List.of(EventCodec.encode(
                    complaint(complaintId).at(Instant.now()).severity(4).category(Category.SAFETY_HAZARD).build())));

            // Nothing else is sent: only the wall clock can carry the watermark past the deadline.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                    assertThat(alertsInElasticsearchFor(List.of(complaintId)))
                            .extracting(Alert::detector, Alert::key)
                            .contains(org.assertj.core.groups.Tuple.tuple("overdue_response", complaintId)));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void alertsWhenTheThirdComplaintOfADisputeArrivesReportedAnHourAfterTheQuarrel() throws Exception {
        // The default lateness settings: a complaint reported an hour after the quarrel is on time (event time is when
        // it was reported), and the alert does not wait for a lateness bound of minutes.
        JobConfig config = test.config(Map.of("elasticsearch.bulk.flush-interval", "200 ms"));
        JobClient job = test.startLive(config, new Configuration());
        try {
            Instant now = Instant.now();
            List<String> ids = List.of(run + "-Q1", run + "-Q2", run + "-Q3");
            new KafkaTestClient(SharedServices.kafka().bootstrapServers()).send(complaints, List.of(
                    EventCodec.encode(complaint(ids.get(0)).at(now.minus(Duration.ofDays(2))).build()),
                    EventCodec.encode(complaint(ids.get(1)).at(now.minus(Duration.ofDays(1))).build()),
                    EventCodec.encode(complaint(ids.get(2)).at(now.minus(Duration.ofHours(1)))
                            .reportedAfter(Duration.ofHours(1)).build())));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(alertsInElasticsearchFor(ids))
                            .extracting(Alert::detector, Alert::eventIds)
                            .contains(org.assertj.core.groups.Tuple.tuple("repeated_dispute", ids)));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void appliesRulesPublishedWhileRunningAndDeadLettersInvalidOnesAndThoseThatNeedARestart() throws Exception {
        test.config(Map.of());
        KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());
        JobConfig config = test.config(Map.of(
                "elasticsearch.bulk.flush-interval", "200 ms",
                "events.max-out-of-orderness", "1 s",
                "events.idle-timeout", "2 s"));
        JobClient job = test.startLive(config, new Configuration());
        try {
            String defaults = new String(
                    EarlyWarningJobEndToEndTest.class.getResourceAsStream("/gridwatch/rules.yaml").readAllBytes(),
                    StandardCharsets.UTF_8);
            byte[] broken = bytes(defaults.replace("max_gap: 7d", "max_gap: soon"));
            // A 5 s patrol gap applies at once; two complaints for a repeated dispute would take a restart.
            byte[] fiveSeconds = bytes(defaults.replace("max_gap: 7d", "max_gap: 5s")
                    .replace("allowed_lateness: 12h", "allowed_lateness: 0s")
                    .replace("  min_count: 3\n  # ... within", "  min_count: 2\n  # ... within"));
            kafka.send(rulesTopic, List.of(fiveSeconds, broken));
            List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(deadLetters, 2, Duration.ofSeconds(60));
            // Two partitions: the dead letters come in either order.
            assertThat(letters).filteredOn(letter -> Arrays.equals(TestRun.opened(letter.value()), fiveSeconds)).singleElement()
                    .satisfies(letter -> {
                        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("rules_need_restart");
                        assertThat(header(letter, DeadLetterHeaders.DETAIL)).contains("applied except repeated_dispute");
                    });
            assertThat(letters).filteredOn(letter -> Arrays.equals(TestRun.opened(letter.value()), broken)).singleElement()
                    .satisfies(letter -> {
                        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("invalid_rules");
                        assertThat(header(letter, DeadLetterHeaders.DETAIL)).contains("key 'patrol_gap.max_gap'");
                    });

            // The broken update changed nothing: the 5 s gap published before it is in force.
            String patrolId = run + "-VISIT";
            kafka.send(patrols, List.of(EventCodec.encode(patrol(patrolId, GRID_B, Instant.now(), PatrolKind.VISIT, null))));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() ->
                    assertThat(patrolGapAlertsOf(GRID_B, Instant.now().minus(Duration.ofMinutes(5)))).isNotEmpty());
        } finally {
            job.cancel().get();
        }
    }

    private static List<Alert> patrolGapAlertsOf(String gridId, Instant since) throws Exception {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest(Indices.ALERTS), RequestOptions.DEFAULT);
            SearchHit[] hits = client.search(
                            new SearchRequest(Indices.ALERTS).source(new SearchSourceBuilder().query(
                                    QueryBuilders.boolQuery()
                                            .filter(QueryBuilders.termQuery("detector", "patrol_gap"))
                                            .filter(QueryBuilders.termQuery("gridId", gridId))
                                            .filter(QueryBuilders.rangeQuery("createdAt").gte(since.toString())))),
                            RequestOptions.DEFAULT)
                    .getHits()
                    .getHits();
            return Arrays.stream(hits).map(hit -> AlertCodec.decode(bytes(hit.getSourceAsString()))).toList();
        }
    }

    private static void assertEveryEventIsIndexedWithTheComplainantMasked(List<String> eventIds) throws Exception {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest("gridwatch-events-*"), RequestOptions.DEFAULT);
            SearchHit[] hits = client.search(
                            new SearchRequest("gridwatch-events-*")
                                    .source(new SearchSourceBuilder().query(QueryBuilders.termsQuery("eventId", eventIds))),
                            RequestOptions.DEFAULT)
                    .getHits()
                    .getHits();
            assertThat(hits).extracting(hit -> hit.getId().substring(hit.getId().indexOf('|') + 1))
                    .as("document ids are event ids scoped by grid").containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(hits).extracting(SearchHit::getIndex).containsOnly("gridwatch-events-2026.03");
            assertThat(Arrays.stream(hits).map(SearchHit::getSourceAsString))
                    .anySatisfy(source -> assertThat(source).contains("\"phone\":\"139****4321\""))
                    .allSatisfy(source -> assertThat(source).doesNotContain("13987654321"));
        }
    }

    private static List<Alert> alertsInElasticsearchFor(List<String> eventIds) throws Exception {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest(Indices.ALERTS), RequestOptions.DEFAULT);
            SearchHit[] hits = client.search(
                            new SearchRequest(Indices.ALERTS)
                                    .source(new SearchSourceBuilder().query(QueryBuilders.termsQuery("eventIds", eventIds))),
                            RequestOptions.DEFAULT)
                    .getHits()
                    .getHits();
            return Arrays.stream(hits)
                    .peek(hit -> assertThat(hit.getId()).isEqualTo(AlertCodec.decode(bytes(hit.getSourceAsString())).alertId()))
                    .map(hit -> AlertCodec.decode(bytes(hit.getSourceAsString())))
                    .toList();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
