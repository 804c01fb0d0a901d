package io.gridwatch.job;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.StandaloneFlinkCluster;
import io.gridwatch.testing.TestRun;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.core.CountRequest;
import org.elasticsearch.index.query.QueryBuilders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar as an operator deploys it: uploaded over the REST API of a standalone Flink session cluster in
 * JVMs of their own, whose class path holds Flink's runtime only ({@link StandaloneFlinkCluster}) — so a class the jar
 * lacks fails here, as on a real cluster — and run at parallelism 2 against the real Kafka and Elasticsearch,
 * configured only by program arguments. Runs after {@code package} (failsafe), on the jar the build just made.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class JobJarIT {

    private static final Path JOB_JAR = Path.of(System.getProperty("gridwatch.job-jar", "target/missing-job.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path clusterDir;

    private static StandaloneFlinkCluster cluster;
    private static URI rest;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneFlinkCluster.start(clusterDir);
        rest = cluster.rest();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void namesTheJobAsEntryClassAndBundlesWhatAFlinkDistributionLacks() throws Exception {
        try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(EarlyWarningJob.class.getName());
            assertThat(jar.getEntry("io/gridwatch/job/EarlyWarningJob.class")).isNotNull();
            assertThat(jar.getEntry("org/apache/flink/cep/CEP.class")).as("Flink CEP").isNotNull();
            assertThat(jar.getEntry("org/apache/flink/connector/kafka/source/KafkaSource.class")).isNotNull();
            assertThat(jar.getEntry("org/elasticsearch/client/RestHighLevelClient.class")).isNotNull();
            assertThat(jar.getEntry("gridwatch/templates/gridwatch-alerts.json")).isNotNull();
            assertThat(jar.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                    .as("the cluster's own Flink runtime").isNull();
            assertThat(jar.getEntry("kafka/server/KafkaRaftServer.class")).as("the embedded broker").isNull();
        }
    }

    @Test
    void theClusterHoldsFlinksRuntimeAndNothingTheJarMustBring() {
        List<String> jars = List.of(StandaloneFlinkCluster.runtimeClassPath().split(File.pathSeparator));
        assertThat(jars).anyMatch(jar -> jar.endsWith("flink-runtime-2.2.0.jar"))
                .anyMatch(jar -> jar.endsWith("flink-streaming-java-2.2.0.jar"))
                .noneMatch(jar -> jar.contains("flink-cep") || jar.contains("flink-connector-kafka")
                        || jar.contains("kafka-clients") || jar.contains("elasticsearch") || jar.contains("/com/fasterxml/")
                        || jar.contains("gridwatch") || jar.contains("picocli") || !jar.endsWith(".jar"));
    }

    @Test
    void alertsWhenTheJarIsSubmittedOverRest() throws Exception {
        TestRun test = new TestRun();
        Map<String, String> bounded = Map.of("kafka.bounded", "true");
        test.config(bounded); // creates the run's topics
        Instant now = Instant.now();
        List<String> ids = List.of(test.id + "-1", test.id + "-2", test.id + "-3");
        new KafkaTestClient(SharedServices.kafka().bootstrapServers()).send(test.complaints, ids.stream()
                .map(id -> EventCodec.encode(complaint(id).grid(GRID_A).subject(SUBJECT_1)
                        .at(now.plusMillis(ids.indexOf(id))).build()))
                .toList());

        String jarId = upload(JOB_JAR);
        ObjectNode run = JSON.createObjectNode().put("parallelism", 2);
        var args = run.putArray("programArgsList");
        test.settings(bounded).forEach((key, value) -> args.add("--" + key).add(value));
        String jobId = post("/jars/" + jarId + "/run", run).path("jobid").asText();

        await().atMost(Duration.ofMinutes(3)).until(() -> jobState(jobId), state -> state.equals("FINISHED")
                || state.equals("FAILED") || state.equals("CANCELED"));
        assertThat(jobState(jobId)).as(() -> {
            try {
                return get("/jobs/" + jobId + "/exceptions") + "\n" + cluster.logs();
            } catch (Exception e) {
                return e.toString();
            }
        }).isEqualTo("FINISHED");
        assertThat(JSON.readTree(get("/jobs/" + jobId)).path("vertices").findValues("parallelism"))
                .extracting(JsonNode::asInt).contains(2);
        assertThat(repeatedDisputeAlertsAbout(ids)).isEqualTo(1);
    }

    private static String upload(Path jar) throws Exception {
        String boundary = "gridwatch-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Path.of(JSON.readTree(response.body()).path("filename").asText()).getFileName().toString();
    }

    private static JsonNode post(String path, JsonNode json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(rest.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String jobState(String jobId) throws Exception {
        return JSON.readTree(get("/jobs/" + jobId)).path("state").asText();
    }

    private static long repeatedDisputeAlertsAbout(List<String> eventIds) throws Exception {
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest(Indices.ALERTS), RequestOptions.DEFAULT);
            return client.count(new CountRequest(Indices.ALERTS).query(QueryBuilders.boolQuery()
                            .filter(QueryBuilders.termQuery("detector", "repeated_dispute"))
                            .filter(QueryBuilders.termsQuery("eventIds", eventIds))), RequestOptions.DEFAULT)
                    .getCount();
        }
    }
}
