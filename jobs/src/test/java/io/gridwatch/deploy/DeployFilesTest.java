package io.gridwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwatch.common.access.LinkKey;
import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.common.privacy.ResidentKeys;
import io.gridwatch.config.ConfigSources;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.config.JobConfig;
import io.gridwatch.job.EarlyWarningJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The files of {@code deploy/} cannot be run here (no Docker engine, no Kubernetes), so they are checked: they parse,
 * name the versions of Flink, Kafka and Elasticsearch the project is tested against (from the pom), the job jar the
 * build makes, the job's entry class and topics, and only configuration keys the job knows.
 */
@Tag("unit")
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("../deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FLINK = System.getProperty("gridwatch.version.flink");
    private static final String KAFKA = System.getProperty("gridwatch.version.kafka");
    private static final String ELASTICSEARCH = System.getProperty("gridwatch.version.elasticsearch");
    private static final String PROJECT = System.getProperty("gridwatch.version.project");

    @Test
    void composeRunsTheTestedVersionsAndTheJarTheBuildMakes() throws Exception {
        JsonNode compose = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");

        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + KAFKA);
        assertThat(services.path("elasticsearch").path("image").asText())
                .isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + ELASTICSEARCH);
        assertThat(services.path("kibana").path("image").asText())
                .isEqualTo("docker.elastic.co/kibana/kibana:" + ELASTICSEARCH);
        for (String flink : List.of("jobmanager", "taskmanager", "init")) {
            assertThat(services.path(flink).path("image").asText()).as(flink).isEqualTo("flink:" + FLINK + "-java17");
        }
        assertThat(services.path("init").path("volumes").get(0).asText())
                .startsWith("../jobs/target/gridwatch-jobs-${GRIDWATCH_VERSION:-" + PROJECT + "}-job.jar:");
        services.path("init").path("environment").fieldNames().forEachRemaining(variable ->
                assertThat(knownEnvironmentNames()).as("job setting %s", variable).contains(variable));
    }

    @Test
    void theImageAndTheFlinkDeploymentRunTheJobOnTheTestedFlink() throws Exception {
        List<String> dockerfile = Files.readAllLines(DEPLOY.resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM flink:" + FLINK + "-java17", "ARG GRIDWATCH_VERSION=" + PROJECT);
        assertThat(dockerfile).anyMatch(line -> line.startsWith("COPY") && line.endsWith(
                "jobs/target/gridwatch-jobs-${GRIDWATCH_VERSION}-job.jar /opt/flink/usrlib/gridwatch-job.jar"));

        JsonNode deployment = YAML.readTree(DEPLOY.resolve("k8s/flink-deployment.yaml").toFile());
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        String[] flink = FLINK.split("\\.");
        assertThat(deployment.at("/spec/flinkVersion").asText()).isEqualTo("v" + flink[0] + "_" + flink[1]);
        assertThat(deployment.at("/spec/job/jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/gridwatch-job.jar");
        assertThat(deployment.at("/spec/job/entryClass").asText()).isEqualTo(EarlyWarningJob.class.getName());
        assertThat(deployment.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");

        // Every gridwatch.* key must be one the job takes and a valid value: else the job stops at submission.
        Map<String, String> flinkConfiguration = new HashMap<>();
        deployment.at("/spec/flinkConfiguration").fields()
                .forEachRemaining(entry -> flinkConfiguration.put(entry.getKey(), entry.getValue().asText()));
        flinkConfiguration.values().removeIf(value -> value.startsWith("/etc/gridwatch/")); // files in the pod only
        JobConfig job = JobConfig.fromSources(flinkConfiguration,
                variable -> variable.endsWith("PASSWORD") ? "secret from " + variable : null);
        assertThat(job.kafka().bootstrapServers()).isEqualTo("gridwatch-kafka-bootstrap.kafka:9093");
        assertThat(job.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void theKafkaTopicsAreTheJobsTopics() throws Exception {
        List<JsonNode> topics = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(DEPLOY.resolve("k8s/kafka-topics.yaml").toFile())) {
            documents.forEachRemaining(topics::add);
        }
        assertThat(topics).allSatisfy(topic -> assertThat(topic.path("kind").asText()).isEqualTo("KafkaTopic"));
        assertThat(topics).extracting(topic -> topic.at("/spec/topicName").asText())
                .containsExactlyInAnyOrderElementsOf(JobConfig.fromSources(Map.of(), name -> null).topics().all());
    }

    /** The job's settings as variables, and the secrets it reads by name. */
    private static List<String> knownEnvironmentNames() {
        List<String> names = new java.util.ArrayList<>(
                GridWatchOptions.ALL.stream().map(option -> ConfigSources.environmentName(option.key())).toList());
        names.addAll(List.of(RecordSeal.VARIABLE, LinkKey.VARIABLE, ResidentKeys.KEY_VARIABLE));
        return names;
    }
}
