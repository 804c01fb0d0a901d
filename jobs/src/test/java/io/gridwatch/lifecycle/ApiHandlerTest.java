package io.gridwatch.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.common.access.Action;
import io.gridwatch.common.access.ApiToken;
import io.gridwatch.common.access.ApiTokens;
import io.gridwatch.common.access.Scope;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.StoredAlerts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON API of {@code gridwatch serve} over real HTTP, against the real Elasticsearch. */
@ExtendWith(SharedServices.class)
@Tag("services")
class ApiHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    private final ApiToken.Issued street = ApiToken.issue("东湖街道指挥中心", Scope.parse("street:东湖街道"), EnumSet.allOf(Action.class));
    private final ApiToken.Issued ackOnly = ApiToken.issue("大屏", Scope.ALL, Set.of(Action.ACK));
    private final ApiToken.Issued otherStreet = ApiToken.issue("城南街道", Scope.parse("street:城南街道"), EnumSet.allOf(Action.class));
    private final List<LifecycleEvent> announced = new CopyOnWriteArrayList<>();
    private RestHighLevelClient client;
    private LifecycleServer server;
    private boolean kafkaDown;

    @BeforeEach
    void start() throws Exception {
        client = StoredAlerts.client();
        AlertLifecycle lifecycle = new AlertLifecycle(client, event -> {
            if (kafkaDown) {
                throw new IOException("Kafka unreachable");
            }
            announced.add(event);
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        server = new LifecycleServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), lifecycle,
                LifecycleServer.Settings.of(new ApiTokens(List.of(street.token(), ackOnly.token(), otherStreet.token())),
                        Optional.empty(), null),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        client.close();
    }

    @Test
    void actsAsTheTokensNameAndAnswersEachRefusalWithItsStatus() throws Exception {
        String alertId = StoredAlerts.open(client, "api");

        assertThat(post(street.secret(), "/alerts/" + alertId + "/ack", "{\"note\":\"在处理\"}"))
                .isEqualTo("200 {\"status\":\"acknowledged\"}");
        assertThat(post(street.secret(), "/alerts/" + alertId + "/resolve", "{}"))
                .isEqualTo("200 {\"status\":\"resolved\"}");
        assertThat(post(street.secret(), "/alerts/" + alertId + "/resolve", "{}"))
                .isEqualTo("409 {\"error\":\"alert " + alertId + " is already resolved\"}");
        assertThat(post(street.secret(), "/alerts/none/ack", "{}")).isEqualTo("404 {\"error\":\"no alert none\"}");

        assertThat(client.get(new GetRequest(Indices.ALERTS, alertId), RequestOptions.DEFAULT).getSourceAsMap())
                .containsEntry("status", "resolved")
                .containsEntry("acknowledgedBy", "东湖街道指挥中心")
                .containsEntry("acknowledgedAt", NOW.toString())
                .containsEntry("resolvedAt", NOW.toString());
        assertThat(client.get(new GetRequest(Indices.HISTORY, alertId + ":resolved"), RequestOptions.DEFAULT)
                .getSourceAsMap()).containsEntry("by", "东湖街道指挥中心").containsEntry("from", "acknowledged");
        assertThat(announced).containsExactly(
                new LifecycleEvent(alertId, "acknowledged", "东湖街道指挥中心", NOW, "在处理", "open"),
                new LifecycleEvent(alertId, "resolved", "东湖街道指挥中心", NOW, null, "acknowledged"));
    }

    @Test
    void refusesWithoutATokenOutsideItsScopeOrActionsAndWhateverTheBodyClaims() throws Exception {
        String alertId = StoredAlerts.open(client, "api");

        assertThat(post(null, "/alerts/" + alertId + "/ack", "{}")).startsWith("401 ");
        assertThat(post("gwt_forged", "/alerts/" + alertId + "/ack", "{}")).startsWith("401 ");
        assertThat(post(otherStreet.secret(), "/alerts/" + alertId + "/ack", "{}"))
                .isEqualTo("403 {\"error\":\"城南街道 may not ack alerts of 东湖街道/幸福里社区/G-XF-01-01\"}");
        assertThat(post(ackOnly.secret(), "/alerts/" + alertId + "/resolve", "{\"falseAlarm\":true}")).startsWith("403 ");
        assertThat(post(street.secret(), "/alerts/" + alertId + "/ack", "{\"by\":\"王建国\"}")).startsWith("400 ");
        assertThat(post(street.secret(), "/alerts/" + alertId + "/ack", "{\"note\":\"" + "长".repeat(1001) + "\"}"))
                .isEqualTo("400 {\"error\":\"note must be at most 1000 characters\"}");
        assertThat(send(street.secret(), "/alerts/" + alertId + "/ack", "text/plain", "{}")).startsWith("415 ");
        assertThat(post(street.secret(), "/alerts/" + alertId + "/ack", "{\"note\":\"" + "x".repeat(20_000) + "\"}"))
                .startsWith("413 ");

        assertThat(announced).isEmpty();
        assertThat(StoredAlerts.status(client, alertId)).isEqualTo("open");
    }

    @Test
    void changesNothingWhenTheChangeCannotBePublished() throws Exception {
        String alertId = StoredAlerts.open(client, "api");
        kafkaDown = true;

        assertThat(post(street.secret(), "/alerts/" + alertId + "/ack", "{}")).startsWith("503 ");

        assertThat(StoredAlerts.status(client, alertId)).as("the topic is the source of truth").isEqualTo("open");
        assertThat(client.exists(new GetRequest(Indices.HISTORY, alertId + ":acknowledged"),
                RequestOptions.DEFAULT)).isFalse();
    }

    @Test
    void servesOthersWhileDroppingAClientThatDoesNotFinishItsRequest() throws Exception {
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = slow.getOutputStream();
            out.write("POST /alerts/x/ack HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Meanwhile the server answers others: the slow client holds one thread of the pool, not the server.
            assertThat(post(null, "/alerts/x/ack", "{}")).startsWith("401 ");
            InputStream in = slow.getInputStream();
            slow.setSoTimeout((int) Duration.ofSeconds(LifecycleServer.READ_TIMEOUT_SECONDS * 6L).toMillis());
            // The server closes the connection (end of stream) instead of waiting for the rest for ever.
            await().atMost(Duration.ofSeconds(LifecycleServer.READ_TIMEOUT_SECONDS * 6L)).until(() -> in.read() == -1);
        }
    }

    @Test
    void warnsOfServingBeyondLoopbackWithoutTls() throws Exception {
        assertThat(LifecycleServer.exposedInClear(new InetSocketAddress("0.0.0.0", 8088), null)).isTrue();
        assertThat(LifecycleServer.exposedInClear(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8088), null)).isFalse();
        assertThat(LifecycleServer.exposedInClear(new InetSocketAddress("0.0.0.0", 8443),
                javax.net.ssl.SSLContext.getDefault())).isFalse();
    }

    private String post(String token, String path, String json) throws Exception {
        return send(token, path, "application/json", json);
    }

    private String send(String token, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
