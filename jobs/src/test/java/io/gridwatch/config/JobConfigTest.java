package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.job.EarlyWarningJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class JobConfigTest {

    @Test
    void refusesToBuildTheJobWithoutTheDeadLetterKeyNamingIt() {
        JobConfig config = JobConfig.fromMap(Map.of(), Map.<String, String>of()::get);

        assertThatThrownBy(() -> EarlyWarningJob.build(StreamExecutionEnvironment.getExecutionEnvironment(), config))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("GRIDWATCH_DEADLETTER_KEY is not set");
        JobConfig shortKey = JobConfig.fromMap(Map.of(), Map.of("GRIDWATCH_DEADLETTER_KEY", "short")::get);
        assertThatThrownBy(() -> EarlyWarningJob.build(StreamExecutionEnvironment.getExecutionEnvironment(), shortKey))
                .hasMessage("GRIDWATCH_DEADLETTER_KEY must be at least 32 bytes long");
    }

    @Test
    void refusesCredentialsOverPlainHttpNamingTheHost() {
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("elasticsearch.hosts", "http://es.example.gov.cn:9200",
                        "elasticsearch.username", "gridwatch", "elasticsearch.password-env", "PW"), Map.of("PW", "x")::get))
                .hasMessageContaining("credentials would travel in clear to http://es.example.gov.cn:9200");
    }

    @Test
    void usesTheDefaultsWhenNothingIsGiven() {
        JobConfig config = JobConfig.fromArgs();

        assertThat(config.topics().complaints()).isEqualTo("gridwatch.complaints");
        assertThat(config.elasticsearch().access().hosts()).containsExactly(URI.create("http://localhost:9200"));
        assertThat(config.events().maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.registry().size()).isEqualTo(6);
        assertThat(config.rules().repeatedDispute().base().minCount()).isEqualTo(3);
    }

    @Test
    void readsKeyValueAndKeyEqualsValueArguments() {
        JobConfig config = JobConfig.fromArgs(
                "--kafka.bootstrap-servers", "broker:9092",
                "--elasticsearch.hosts=http://es1:9200;https://es2:9243",
                "--events.max-out-of-orderness", "90 s");

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.elasticsearch().access().hosts())
                .containsExactly(URI.create("http://es1:9200"), URI.create("https://es2:9243"));
        assertThat(config.events().maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void takesFlinkConfigurationThenEnvironmentThenArguments() {
        Map<String, String> flink = Map.of(
                "gridwatch.kafka.bootstrap-servers", "from-flink:9092",
                "gridwatch.kafka.group-id", "from-flink",
                "gridwatch.events.idle-timeout", "2 min",
                "parallelism.default", "4");
        Map<String, String> environment = Map.of(
                "GRIDWATCH_KAFKA_BOOTSTRAP_SERVERS", "from-env:9092",
                "GRIDWATCH_EVENTS_IDLE_TIMEOUT", "3 min");

        JobConfig config = JobConfig.fromSources(flink, environment::get, "--events.idle-timeout", "4 min");

        assertThat(config.kafka().groupId()).isEqualTo("from-flink");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("from-env:9092");
        assertThat(config.events().idleTimeout()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void namesAnUnknownKeyInTheFlinkConfiguration() {
        assertThatThrownBy(() -> JobConfig.fromSources(Map.of("gridwatch.kafka.topic.complaint", "x"), name -> null))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("unknown configuration key 'kafka.topic.complaint'");
    }

    @Test
    void namesTheWarmStartKeyThatCannotBeUsed() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--warm-start.history", "/no/such/history.jsonl"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("warm-start.history: cannot read /no/such/history.jsonl");
        assertThatThrownBy(() -> JobConfig.fromArgs("--warm-start.mapping", "open311"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("warm-start.mapping: given without warm-start.history");
    }

    @Test
    void namesAnUnknownKey() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--kafka.bootstrap-server", "x"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("unknown configuration key 'kafka.bootstrap-server'");
    }

    @Test
    void passesKafkaClientPropertiesToEveryClientAndKeepsSecretsOutOfTheConfiguration() {
        JobConfig config = JobConfig.fromMap(Map.of(
                "kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.jaas.config", "${env:GRIDWATCH_KAFKA_JAAS}"));

        assertThat(config.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "${env:GRIDWATCH_KAFKA_JAAS}")
                .doesNotContainKey("kafka.properties.security.protocol");
    }

    @Test
    void refusesToStartWithoutTheSecretsASecuredElasticsearchNeeds() {
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("elasticsearch.username", "gridwatch"), Map.<String, String>of()::get))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("elasticsearch: environment variable GRIDWATCH_ES_PASSWORD is not set");
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("elasticsearch.truststore", "/nowhere/ca.p12"), Map.<String, String>of()::get))
                .hasMessage("elasticsearch: truststore /nowhere/ca.p12 cannot be read");
        JobConfig config = JobConfig.fromMap(Map.of("elasticsearch.username", "gridwatch"),
                Map.of("GRIDWATCH_ES_PASSWORD", "s3cret")::get);
        assertThat(config.elasticsearch().toString()).doesNotContain("s3cret");
    }

    @Test
    void namesTheKeyOfABadValue() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--checkpoint.interval", "soon"))
                .hasMessageStartingWith("checkpoint.interval: ");
        assertThatThrownBy(() -> JobConfig.fromArgs("--events.idle-timeout", "0 s"))
                .hasMessage("events.idle-timeout: must be positive, was 0");
        assertThatThrownBy(() -> JobConfig.fromArgs("--elasticsearch.bulk.max-actions", "-1"))
                .hasMessage("elasticsearch.bulk.max-actions: must be positive, was -1");
        assertThatThrownBy(() -> JobConfig.fromArgs("--elasticsearch.hosts", "es1:9200"))
                .hasMessageStartingWith("elasticsearch.hosts: 'es1:9200' is not an http(s)://host:port URL");
        assertThatThrownBy(() -> JobConfig.fromArgs("--kafka.group-id", " "))
                .hasMessage("kafka.group-id: must not be empty");
    }

    @Test
    void namesTheKeyAndTheLineOfABadRulesFile(@TempDir Path dir) throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "repeated_dispute:\n  min_count: 1\n");

        assertThatThrownBy(() -> JobConfig.fromArgs("--rules.path", rules.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("rules.path: " + rules + " line ");
    }

    @Test
    void namesTheKeyOfAMissingRegistry(@TempDir Path dir) {
        Path missing = dir.resolve("grids.csv");

        assertThatThrownBy(() -> JobConfig.fromArgs("--registry.path", missing.toString()))
                .hasMessageStartingWith("registry.path: cannot read grid registry " + missing);
    }

    @Test
    void rejectsAFlagWithoutAValue() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--kafka.bounded"))
                .hasMessage("kafka.bounded: no value given");
        assertThatThrownBy(() -> JobConfig.fromArgs("kafka.bounded", "true"))
                .hasMessage("expected --key value, found 'kafka.bounded'");
    }

    @Test
    void acceptsEveryDeclaredOption() throws IllegalAccessException {
        List<org.apache.flink.configuration.ConfigOption<?>> declared = new java.util.ArrayList<>();
        for (java.lang.reflect.Field field : GridWatchOptions.class.getFields()) {
            if (field.getType() == org.apache.flink.configuration.ConfigOption.class) {
                declared.add((org.apache.flink.configuration.ConfigOption<?>) field.get(null));
            }
        }

        assertThat(GridWatchOptions.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void documentsEveryOption() throws IOException {
        String docs = Files.readString(Path.of("../docs/configuration.md"));

        for (org.apache.flink.configuration.ConfigOption<?> option : GridWatchOptions.ALL) {
            assertThat(docs).as("docs/configuration.md").contains("`" + option.key() + "`");
        }
    }
}
