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
import io.gridwatch.testing.TestRun;
import java.io.ByteArrayOutputStream;
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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
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
 * The shaded job jar as an operator deploys it: uploaded to a Flink cluster over its REST API (a MiniCluster with a
 * REST endpoint and two TaskManagers), run at parallelism 2 against the real Kafka and Elasticsearch, configured only
 * by program arguments. Runs after {@code package} (failsafe), on the jar the build just made.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class JobJarIT {

    private static final Path JOB_JAR = Path.of(System.getProperty("gridwatch.job-jar", "target/missing-job.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path uploads;

    private static MiniCluster cluster;
    private static URI rest;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(WebOptions.UPLOAD_DIR, uploads.toString());
        // On a cluster the Kafka connector and kafka-clients both come from the job jar. In this JVM the connector is
        // on the test class path, which Flink loads parent-first (org.apache.flink.*); kafka-clients must come from
        // there too, or the connector and the job would see two different Kafka classes.
        conf.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("org.apache.kafka."));
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(2)
                .setNumSlotsPerTaskManager(1)
                .build());
        cluster.start();
        rest = cluster.getRestAddress().get();
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
        assertThat(jobState(jobId)).isEqualTo("FINISHED");
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
