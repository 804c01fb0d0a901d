package io.gridwatch.lifecycle;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.ElasticsearchClients;
import io.gridwatch.sink.elasticsearch.IndexTemplates;
import io.gridwatch.testing.SharedServices;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The acknowledgement endpoint over real HTTP, against the real Elasticsearch. */
@ExtendWith(SharedServices.class)
class LifecycleHttpServerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void acknowledgesResolvesAndRefusesWithTheRightStatusCodes() throws Exception {
        String alertId = "http-" + UUID.randomUUID().toString().substring(0, 8);
        List<LifecycleEvent> announced = new CopyOnWriteArrayList<>();
        try (RestHighLevelClient client = ElasticsearchClients.create(List.of(URI.create(SharedServices.elasticsearch().url())));
                LifecycleHttpServer server = new LifecycleHttpServer(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new AlertLifecycle(client, announced::add),
                        Clock.fixed(NOW, ZoneOffset.UTC))) {
            IndexTemplates.apply(client.getLowLevelClient());
            Document document = new AlertDocuments().toDocument(new Alert(alertId, "patrol_gap", AlertLevel.YELLOW,
                    "G-XF-01-01", "幸福里第一网格", "幸福里社区", "东湖街道", "滨江区", null, DAY_1, DAY_1, 0, List.of(),
                    "走访缺位", DAY_1, null));
            client.index(new IndexRequest(document.index()).id(document.id()).source(document.insertOnly(), XContentType.JSON)
                    .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE), RequestOptions.DEFAULT);

            assertThat(post(server, "/alerts/" + alertId + "/ack", "{\"by\":\"王建国\",\"note\":\"在处理\"}"))
                    .isEqualTo("200 {\"status\":\"acknowledged\"}");
            assertThat(post(server, "/alerts/" + alertId + "/ack", "{\"note\":\"谁？\"}"))
                    .isEqualTo("400 {\"error\":\"'by' is required: who acts on the alert\"}");
            assertThat(post(server, "/alerts/" + alertId + "/resolve", "{\"by\":\"王建国\"}"))
                    .isEqualTo("200 {\"status\":\"resolved\"}");
            assertThat(post(server, "/alerts/" + alertId + "/resolve", "{\"by\":\"王建国\"}"))
                    .isEqualTo("409 {\"error\":\"alert " + alertId + " is already resolved\"}");
            assertThat(post(server, "/alerts/none/ack", "{\"by\":\"王建国\"}"))
                    .isEqualTo("404 {\"error\":\"no alert none\"}");

            assertThat(client.get(new GetRequest(IndexTemplates.ALERTS_INDEX, alertId), RequestOptions.DEFAULT).getSourceAsMap())
                    .containsEntry("status", "resolved")
                    .containsEntry("acknowledgedAt", NOW.toString())
                    .containsEntry("resolvedAt", NOW.toString());
            assertThat(announced).containsExactly(
                    new LifecycleEvent(alertId, "acknowledged", "王建国", NOW, "在处理"),
                    new LifecycleEvent(alertId, "resolved", "王建国", NOW, null));
        }
    }

    private static String post(LifecycleHttpServer server, String path, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
