package io.gridwatch.sink.elasticsearch;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.testing.ExpectedAlerts;
import io.gridwatch.testing.SecuredElasticsearch;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.rest.RestStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GridWatch's Elasticsearch access against the real server with security on: HTTPS with the server's certificate
 * in a truststore, basic auth for a file-realm user, secrets from the (here: given) environment.
 */
@ExtendWith(SecuredElasticsearch.class)
@Tag("services")
class SecuredElasticsearchTest {

    private static final EmbeddedElasticsearch.Credentials USER = SecuredElasticsearch.USER;

    @Test
    void indexesAlertsOverTlsWithBasicAuth() throws Exception {
        Alert alert = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.RED, 4, DAY_1, DAY_2, List.of("C-1", "C-2", "C-3"));
        ElasticsearchAccess access = access("GRIDWATCH_ES_PASSWORD", SecuredElasticsearch.server().truststore().toString());
        Map<String, String> environment = Map.of("GRIDWATCH_ES_PASSWORD", USER.password(),
                "GRIDWATCH_ES_TRUSTSTORE_PASSWORD", EmbeddedElasticsearch.STORE_PASSWORD);

        try (RestHighLevelClient client = access.client(environment::get);
                ElasticsearchWriter<Alert> writer = new ElasticsearchWriter<>(access.client(environment::get),
                        new AlertDocuments(), new BulkSettings(10, 1, Duration.ofHours(1), Duration.ofMinutes(1)),
                        ElasticsearchWriterTest.NONE_EXPECTED, new ElasticsearchWriterTest.ManualTimers(),
                        new UnregisteredMetricsGroup())) {
            IndexTemplates.apply(client.getLowLevelClient());
            writer.write(alert, null);
            writer.flush(false);

            assertThat(client.get(new GetRequest(Indices.ALERTS, alert.alertId()), RequestOptions.DEFAULT)
                    .getSourceAsMap()).containsEntry("status", "open").containsEntry("gridId", "G-XF-01-01");
        }
    }

    @Test
    void isRefusedWithAWrongPasswordAndCannotConnectWithoutTrustingTheCertificate() throws Exception {
        Map<String, String> wrong = Map.of("GRIDWATCH_ES_PASSWORD", "guess",
                "GRIDWATCH_ES_TRUSTSTORE_PASSWORD", EmbeddedElasticsearch.STORE_PASSWORD);
        try (RestHighLevelClient client = access("GRIDWATCH_ES_PASSWORD", SecuredElasticsearch.server().truststore().toString()).client(wrong::get)) {
            assertThatThrownBy(() -> client.info(RequestOptions.DEFAULT))
                    .isInstanceOfSatisfying(ElasticsearchStatusException.class,
                            e -> assertThat(e.status()).isEqualTo(RestStatus.UNAUTHORIZED));
        }
        Map<String, String> right = Map.of("GRIDWATCH_ES_PASSWORD", USER.password());
        try (RestHighLevelClient client = access("GRIDWATCH_ES_PASSWORD", null).client(right::get)) {
            assertThatThrownBy(() -> client.info(RequestOptions.DEFAULT)).rootCause()
                    .hasMessageContaining("unable to find valid certification path");
        }
    }

    private static ElasticsearchAccess access(String passwordEnv, String truststore) {
        return new ElasticsearchAccess(List.of(URI.create(SecuredElasticsearch.server().url())), USER.user(), passwordEnv, null, truststore,
                truststore == null ? null : "GRIDWATCH_ES_TRUSTSTORE_PASSWORD");
    }
}
