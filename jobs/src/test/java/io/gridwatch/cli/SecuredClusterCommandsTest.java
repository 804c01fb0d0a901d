package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.testing.SecuredElasticsearch;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.StoredAlerts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against the secured Elasticsearch (HTTPS with a private certificate, basic auth), with the job's own
 * settings from {@code --config} and secrets from the environment.
 */
@ExtendWith({SharedServices.class, SecuredElasticsearch.class})
@Tag("services")
class SecuredClusterCommandsTest {

    private static final Map<String, String> SECRETS = Map.of(
            "GW_ES_PASSWORD", SecuredElasticsearch.USER.password(),
            "GW_TRUSTSTORE_PASSWORD", EmbeddedElasticsearch.STORE_PASSWORD);

    @TempDir
    Path dir;

    @Test
    void listsAndActsOnAlertsOfASecuredClusterWithTheJobsSettings() throws Exception {
        String alertId;
        try (RestHighLevelClient client = access().client(SECRETS::get)) {
            IndexTemplates.apply(client.getLowLevelClient());
            alertId = StoredAlerts.open(client, "secured");
        }
        Path config = config(SecuredElasticsearch.server().url());
        String topic = "lifecycle-" + alertId;
        SharedServices.kafka().createTopics(List.of(topic), 1);
        CommandRun cli = new CommandRun(SECRETS::get);

        assertThat(cli.run("alerts", "--config", config.toString(), "--grid", "G-XF-01-01", "--limit", "1000")).isZero();
        assertThat(cli.out()).contains("escalating_dispute").contains("幸福里小区3栋502邻里纠纷升级为肢体冲突");
        assertThat(cli.run("ack", alertId, "--by", "王建国", "--config", config.toString(), "--lifecycle-topic", topic)).isZero();
        try (RestHighLevelClient client = access().client(SECRETS::get)) {
            assertThat(StoredAlerts.status(client, alertId)).isEqualTo("acknowledged");
        }
    }

    @Test
    void refusesAWrongPasswordAndCredentialsOverPlainHttpInOneLine() throws Exception {
        CommandRun wrong = new CommandRun(Map.of("GW_ES_PASSWORD", "guess",
                "GW_TRUSTSTORE_PASSWORD", EmbeddedElasticsearch.STORE_PASSWORD)::get);
        assertThat(wrong.run("alerts", "--config", config(SecuredElasticsearch.server().url()).toString())).isEqualTo(1);
        assertThat(wrong.err()).startsWith("gridwatch: ").contains("unable to authenticate user").hasLineCount(1);

        CommandRun clear = new CommandRun(SECRETS::get);
        assertThat(clear.run("alerts", "--config", config("http://es.example.gov.cn:9200").toString())).isEqualTo(1);
        assertThat(clear.err()).contains("credentials would travel in clear").hasLineCount(1);
    }

    private Path config(String hosts) throws Exception {
        return Files.writeString(dir.resolve("gridwatch.yaml"), """
                elasticsearch:
                  hosts: %s
                  username: %s
                  password-env: GW_ES_PASSWORD
                  truststore: %s
                  truststore-password-env: GW_TRUSTSTORE_PASSWORD
                kafka.bootstrap-servers: %s
                """.formatted(hosts, SecuredElasticsearch.USER.user(), SecuredElasticsearch.server().truststore(),
                SharedServices.kafka().bootstrapServers()));
    }

    private static ElasticsearchAccess access() {
        return new ElasticsearchAccess(List.of(URI.create(SecuredElasticsearch.server().url())),
                SecuredElasticsearch.USER.user(), "GW_ES_PASSWORD", null,
                SecuredElasticsearch.server().truststore().toString(), "GW_TRUSTSTORE_PASSWORD");
    }
}
