package io.gridwatch.sink.elasticsearch;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.testing.ExpectedAlerts;
import io.gridwatch.testing.SharedServices;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the real Elasticsearch: the job's updates of an alert leave what staff recorded on it alone. */
@ExtendWith(SharedServices.class)
@Tag("services")
class AlertDocumentsTest {

    @Test
    void opensANewAlertAndKeepsItsAcknowledgementWhenTheJobUpdatesIt() throws Exception {
        Alert first = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.YELLOW, 2, DAY_1, DAY_1,
                List.of("AD-" + System.nanoTime()));
        try (RestHighLevelClient client = ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client();
                ElasticsearchWriter<Alert> writer = new ElasticsearchWriter<>(
                        ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client(),
                        new AlertDocuments(), new BulkSettings(10, 1, Duration.ofHours(1), Duration.ofMinutes(1)),
                        ElasticsearchWriterTest.NONE_EXPECTED, new ElasticsearchWriterTest.ManualTimers(), new UnregisteredMetricsGroup())) {
            IndexTemplates.apply(client.getLowLevelClient());
            writer.write(first, null);
            writer.flush(false);
            assertThat(source(client, first)).containsEntry("status", "open");

            client.update(new UpdateRequest(Indices.ALERTS, first.alertId())
                    .doc(Map.of("status", "acknowledged", "acknowledgedBy", "王建国")), RequestOptions.DEFAULT);
            Alert merged = new Alert(first.alertId(), first.detector(), first.level(), first.gridId(), first.gridName(),
                    first.community(), first.street(), first.district(), first.key(), first.windowStart(),
                    first.windowEnd(), 2, List.of(first.eventIds().get(0), "AD-more"), "更新", first.createdAt(),
                    first.location());
            writer.write(merged, null);
            writer.flush(false);

            Map<String, Object> source = source(client, first);
            assertThat(source).containsEntry("status", "acknowledged").containsEntry("acknowledgedBy", "王建国")
                    .containsEntry("count", 2).containsEntry("message", "更新");
            String json = client.get(new GetRequest(Indices.ALERTS, first.alertId()), RequestOptions.DEFAULT)
                    .getSourceAsString();
            assertThat(AlertCodec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(merged);
        }
    }

    private static Map<String, Object> source(RestHighLevelClient client, Alert alert) throws Exception {
        return client.get(new GetRequest(Indices.ALERTS, alert.alertId()), RequestOptions.DEFAULT)
                .getSourceAsMap();
    }
}
