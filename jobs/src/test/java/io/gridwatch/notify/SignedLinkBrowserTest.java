package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.access.ActionLink;
import io.gridwatch.common.access.ApiTokens;
import io.gridwatch.common.access.LinkKey;
import io.gridwatch.config.JobConfig;
import io.gridwatch.lifecycle.AlertLifecycle;
import io.gridwatch.lifecycle.LifecycleServer;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.kafka.ControlRecordPublisher;
import io.gridwatch.testing.RecordingServer;
import io.gridwatch.testing.RecordingServer.Answer;
import io.gridwatch.testing.RecordingServer.Request;
import io.gridwatch.testing.RobotRoutes;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.StoredAlerts;
import io.gridwatch.testing.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid lead's signed link, clicked in a real (headless) browser: the job sends a notice with the link to a robot
 * standing in for DingTalk, the browser opens it from there on the page {@code gridwatch serve} serves, and 签收 there
 * acknowledges the alert in Elasticsearch and stops its escalation. Expired, altered and cross-site uses are refused.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class SignedLinkBrowserTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final String KEY = "a-test-link-key-of-at-least-32-bytes";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern LINK = Pattern.compile("\\((http://127\\.0\\.0\\.1:\\d+/a/[^)\\s]+)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRun test = new TestRun();
    private RestHighLevelClient client;
    private ControlRecordPublisher publisher;
    private LifecycleServer server;
    private WebClient browser;

    @TempDir
    Path dir;

    @BeforeEach
    void serve() throws Exception {
        SharedServices.kafka().createTopics(List.of(test.lifecycle), 2);
        client = StoredAlerts.client();
        publisher = new ControlRecordPublisher(SharedServices.kafka().bootstrapServers(), test.lifecycle);
        server = new LifecycleServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new AlertLifecycle(client, AlertLifecycle.onKafka(publisher), Clock.systemUTC()),
                LifecycleServer.Settings.of(ApiTokens.none(), Optional.of(LinkKey.of(KEY)), null), Clock.systemUTC());
        browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
    }

    @AfterEach
    void stop() throws IOException {
        browser.close();
        server.close();
        publisher.close();
        client.close();
    }

    @Test
    void acknowledgesFromTheNoticesLinkAndStopsEscalation() throws Exception {
        try (RecordingServer robots = new RecordingServer(Answer.ok("{\"errcode\":0}"))) {
            JobClient job = test.startLive(config(robots, "12s"), new Configuration());
            try {
                test.sendDispute(GRID_A, SUBJECT_1, "A");
                String link = await().atMost(WAIT).until(() -> linkTo(robots, "lead-a"), l -> l != null);
                String alertId = link.substring(link.indexOf("/a/") + 3, link.indexOf('?'));
                await().atMost(WAIT).until(() -> client.exists(
                        new GetRequest(Indices.ALERTS, alertId), RequestOptions.DEFAULT));
                test.sendDispute(GRID_B, SUBJECT_2, "B"); // never acknowledged: its escalation is the signal that time passed

                // The evidence is indexed beside the alert: the page lists it once it is there.
                HtmlPage page = await().atMost(WAIT).until(() -> browser.<HtmlPage>getPage(link),
                        p -> p.getElementById("evidence") != null && p.getElementById("evidence").getChildElementCount() == 3);
                assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
                assertThat(page.getElementById("evidence").asNormalizedText()).contains("邻里纠纷");
                assertThat(page.getTitleText()).contains("预警").contains("矛盾纠纷反复");
                assertThat(page.getElementById("status").asNormalizedText()).isEqualTo("待签收");
                page.<HtmlTextArea>getHtmlElementById("note").setText("已上门调解");
                HtmlPage after = button(page, "签收").click();

                assertThat(after.getElementById("done").asNormalizedText()).isEqualTo("操作成功：已签收");
                assertThat(after.getElementById("status").asNormalizedText()).isEqualTo("已签收");
                assertThat(client.get(new GetRequest(Indices.ALERTS, alertId), RequestOptions.DEFAULT)
                        .getSourceAsMap())
                        .containsEntry("status", "acknowledged")
                        .containsEntry("acknowledgedBy", GRID_A + "/grid_lead")
                        .containsEntry("note", "已上门调解");

                String b = await().atMost(WAIT).until(() -> alertIdOf(robots, "community", "幸福里第二网格"), id -> id != null);
                assertThat(b).isNotEqualTo(alertId);
                assertThat(robots.requests()).as("A was signed for before its deadline: never escalated")
                        .noneMatch(r -> r.query().equals("community") && r.body().contains(alertId));
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void refusesAnExpiredOrAlteredLinkAndAFormPostedFromAnotherSite() throws Exception {
        String alertId = StoredAlerts.open(client, "link");
        String base = "http://127.0.0.1:" + server.port();
        LinkKey key = LinkKey.of(KEY);
        String expired = new ActionLink(alertId, GRID_A + "/grid_lead", Instant.now().minusSeconds(1)).url(base, key);
        String valid = new ActionLink(alertId, GRID_A + "/grid_lead", Instant.now().plus(Duration.ofDays(1))).url(base, key);
        String altered = valid.replace("grid_lead", "street");

        HtmlPage expiredPage = browser.getPage(expired);
        assertThat(expiredPage.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(expiredPage.getElementById("reason").asNormalizedText()).contains("链接已过期");
        HtmlPage alteredPage = browser.getPage(altered);
        assertThat(alteredPage.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(alteredPage.getElementById("reason").asNormalizedText()).contains("签名不符");

        // Another site's page posting the form: it has the link (alert ids are in every notice) but not the cookie.
        URL form = new URL(base + ActionLink.PATH + alertId);
        Map<String, String> query = fields(new URL(valid).getQuery());
        WebRequest forged = new WebRequest(form, HttpMethod.POST);
        forged.setAdditionalHeader("Origin", "https://evil.example.com");
        forged.setRequestParameters(List.of(new NameValuePair("r", query.get("r")), new NameValuePair("e", query.get("e")),
                new NameValuePair("s", query.get("s")), new NameValuePair("csrf", "guess"),
                new NameValuePair("action", "false_alarm")));
        assertThat(browser.getPage(forged).getWebResponse().getStatusCode()).isEqualTo(403);
        forged.removeAdditionalHeader("Origin");
        Page withoutCookie = browser.getPage(forged);
        assertThat(withoutCookie.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(withoutCookie.getWebResponse().getContentAsString()).contains("页面已失效");

        assertThat(StoredAlerts.status(client, alertId)).isEqualTo("open");
        HtmlPage page = browser.getPage(valid); // the holder's own page still works
        assertThat(button(page, "误报").click().getWebResponse().getContentAsString()).contains("已判定为误报");
        assertThat(StoredAlerts.status(client, alertId)).isEqualTo("false_alarm");
    }

    private static HtmlButton button(HtmlPage page, String label) {
        return page.getByXPath("//button").stream()
                .map(HtmlButton.class::cast)
                .filter(b -> b.asNormalizedText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " on " + page.asNormalizedText()));
    }

    /** The signed link in the repeated-dispute notice the robot behind {@code lead} got, or {@code null}. */
    private static String linkTo(RecordingServer robots, String lead) {
        return robots.requests().stream()
                .filter(r -> r.query().equals(lead) && text(r).contains("矛盾纠纷反复"))
                .map(r -> LINK.matcher(text(r)))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElse(null);
    }

    private static String alertIdOf(RecordingServer robots, String tier, String gridName) {
        return robots.requests().stream()
                .filter(r -> r.query().equals(tier) && text(r).contains(gridName))
                .map(r -> LINK.matcher(text(r)))
                .filter(Matcher::find)
                .map(m -> m.group(1).substring(m.group(1).indexOf("/a/") + 3, m.group(1).indexOf('?')))
                .findFirst()
                .orElse(null);
    }

    private static String text(RecordingServer.Request request) {
        try {
            return JSON.readTree(request.body()).path("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> fields(String query) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(parts[0], java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** The robots' routes ({@link RobotRoutes}), with links to the server under test. */
    private JobConfig config(RecordingServer robots, String deadline) throws IOException {
        return RobotRoutes.config(test, dir, robots, deadline,
                "action_links: { base_url: \"http://127.0.0.1:" + server.port() + "\", valid_for: 1d }\n",
                Map.of(LinkKey.VARIABLE, KEY));
    }
}
