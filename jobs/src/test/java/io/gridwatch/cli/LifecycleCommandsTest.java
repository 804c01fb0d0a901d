package io.gridwatch.cli;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.ingest.RecordJson;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code gridwatch ack} and {@code gridwatch resolve} against the real Elasticsearch. */
@ExtendWith(SharedServices.class)
@Tag("services")
class LifecycleCommandsTest {

    private final String alertId = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String lifecycleTopic = "lifecycle-" + alertId;

    @BeforeEach
    void indexAnOpenAlert() throws Exception {
        Alert alert = new Alert(alertId, "patrol_gap", AlertLevel.YELLOW, "G-XF-01-01", "幸福里第一网格", "幸福里社区",
                "东湖街道", "滨江区", null, DAY_1, DAY_1, 0, List.of(), "走访缺位", DAY_1, null);
        Document document = new AlertDocuments().toDocument(alert);
        SharedServices.kafka().createTopics(List.of(lifecycleTopic), 1);
        try (RestHighLevelClient client = client()) {
            IndexTemplates.apply(client.getLowLevelClient());
            client.index(new IndexRequest(document.index()).id(document.id())
                            .source(document.insertOnly(), XContentType.JSON)
                            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE),
                    RequestOptions.DEFAULT);
        }
    }

    @Test
    void acknowledgesThenResolvesAndKeepsEveryTransition() throws Exception {
        assertThat(run("ack", alertId, "--by", "王建国", "--note", "已联系当事人")).isZero();
        assertThat(out.toString()).isEqualTo(alertId + " acknowledged by 王建国\n");
        assertThat(run("resolve", alertId, "--by", "王建国")).isZero();

        try (RestHighLevelClient client = client()) {
            Map<String, Object> alert = source(client, Indices.ALERTS, alertId);
            assertThat(alert).containsEntry("status", "resolved").containsEntry("acknowledgedBy", "王建国")
                    .containsEntry("note", "已联系当事人").containsKeys("acknowledgedAt", "resolvedAt");
            assertThat(source(client, Indices.HISTORY, alertId + ":acknowledged"))
                    .containsEntry("from", "open").containsEntry("to", "acknowledged").containsEntry("by", "王建国");
            assertThat(source(client, Indices.HISTORY, alertId + ":resolved"))
                    .containsEntry("from", "acknowledged").containsEntry("to", "resolved");
        }
        // Announced to the job, in order, keyed by alert id, so escalation stops.
        assertThat(new KafkaTestClient(SharedServices.kafka().bootstrapServers())
                        .readAll(lifecycleTopic, 2, Duration.ofSeconds(30)))
                .allSatisfy(record -> assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alertId))
                .extracting(record -> RecordJson.decode(record.value(), LifecycleEvent.class))
                .extracting(LifecycleEvent::status, LifecycleEvent::by)
                .containsExactly(tuple("acknowledged", "王建国"), tuple("resolved", "王建国"));
    }

    @Test
    void closesAFalseAlarmStraightFromOpen() throws Exception {
        assertThat(run("resolve", alertId, "--by", "李秀英", "--false-alarm")).isZero();

        try (RestHighLevelClient client = client()) {
            assertThat(source(client, Indices.ALERTS, alertId)).containsEntry("status", "false_alarm");
        }
    }

    @Test
    void refusesImpossibleTransitionsInOneLine() {
        assertThat(run("resolve", alertId, "--by", "王建国")).isZero();

        assertThat(run("ack", alertId, "--by", "王建国")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gridwatch: alert " + alertId + " is already resolved\n");
        err.getBuffer().setLength(0);
        assertThat(run("ack", "no-such-alert", "--by", "王建国")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gridwatch: no alert no-such-alert\n");
    }

    @Test
    void refusesAnOverlongNameBeforeChangingAnything() throws Exception {
        assertThat(run("ack", alertId, "--by", "王".repeat(20_000))).isEqualTo(1);

        assertThat(err.toString()).isEqualTo("gridwatch: by must be at most 64 characters\n");
        try (RestHighLevelClient client = client()) {
            assertThat(source(client, Indices.ALERTS, alertId)).doesNotContainKey("acknowledgedBy")
                    .doesNotContainEntry("status", "acknowledged");
        }
        assertThat(run("ack", alertId, "--by", "王建国")).as("the alert can still be acknowledged").isZero();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = GridWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(Stream.concat(Arrays.stream(args),
                Stream.of("--elasticsearch", SharedServices.elasticsearch().url(),
                        "--kafka", SharedServices.kafka().bootstrapServers(), "--lifecycle-topic", lifecycleTopic))
                .toArray(String[]::new));
    }

    private static Map<String, Object> source(RestHighLevelClient client, String index, String id) throws Exception {
        return client.get(new GetRequest(index, id), RequestOptions.DEFAULT).getSourceAsMap();
    }

    private static RestHighLevelClient client() {
        return ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client();
    }
}
