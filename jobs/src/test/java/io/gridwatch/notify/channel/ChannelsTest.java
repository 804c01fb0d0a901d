package io.gridwatch.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.notify.Notification;
import io.gridwatch.testing.RecordingServer;
import io.gridwatch.testing.RecordingServer.Answer;
import io.gridwatch.testing.RecordingServer.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every channel against a real local HTTP server that records what arrives. */
@Tag("unit")
class ChannelsTest {

    private static final Notification MESSAGE = new Notification("alert-1:G-XF-01-01/lead", "【红色预警】幸福里第一网格", "**请立即处置**");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final RetryingDelivery THREE_TRIES =
            new RetryingDelivery(3, Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void signsDingTalkRequestsTheWayDingTalkChecksThem() throws Exception {
        String secret = "SEC0123456789abcdef";
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_772_400_000_000L), ZoneOffset.UTC);
        try (RecordingServer dingTalk = new RecordingServer(Answer.ok("{\"errcode\":0,\"errmsg\":\"ok\"}"))) {
            new DingTalkChannel(dingTalk.url("/robot/send?access_token=TOKEN"), secret, TIMEOUT, clock).send(MESSAGE);

            RecordingServer.Request request = dingTalk.requests().get(0);
            Map<String, String> query = query(request.query());
            assertThat(query).containsEntry("access_token", "TOKEN").containsEntry("timestamp", "1772400000000");
            // DingTalk's check: HmacSHA256 over "timestamp\nsecret" with the secret as key, Base64, then URL-decoded.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((query.get("timestamp") + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            assertThat(query.get("sign")).isEqualTo(expected);
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
            assertThat(body.at("/markdown/title").asText()).isEqualTo("【红色预警】幸福里第一网格");
            assertThat(body.at("/markdown/text").asText()).isEqualTo("**请立即处置**");
        }
    }

    @Test
    void postsWeComMarkdown() throws Exception {
        try (RecordingServer weCom = new RecordingServer(Answer.ok("{\"errcode\":0}"))) {
            new WeComChannel(weCom.url("/cgi-bin/webhook/send?key=KEY"), TIMEOUT).send(MESSAGE);

            JsonNode body = new ObjectMapper().readTree(weCom.requests().get(0).body());
            assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
            assertThat(body.at("/markdown/content").asText()).isEqualTo("**【红色预警】幸福里第一网格**\n**请立即处置**");
        }
    }

    @Test
    void cutsANoticeTooLongForWeComKeepingItsLastLineTheLink() throws Exception {
        String link = "[在看板中查看该网格](https://kibana.example/app/dashboards)";
        Notification longNotice = new Notification("alert-2:lead", "【黄色预警】幸福里第一网格",
                "### 标题\n\n" + "地址很长，".repeat(2000) + "\n\n" + link);
        try (RecordingServer weCom = new RecordingServer(Answer.ok("{\"errcode\":0}"))) {
            new WeComChannel(weCom.url("/cgi-bin/webhook/send?key=KEY"), TIMEOUT).send(longNotice);

            String content = new ObjectMapper().readTree(weCom.requests().get(0).body()).at("/markdown/content").asText();
            assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(WeComChannel.MAX_BYTES);
            assertThat(content).startsWith("**【黄色预警】幸福里第一网格**\n### 标题").contains(MarkdownText.CUT).endsWith(link);
        }
    }

    @Test
    void quotesAtMostTheBeginningOfAnEndpointsLongRefusal() throws Exception {
        try (RecordingServer webhook = new RecordingServer(new Answer(400, "x".repeat(1_000_000), Duration.ZERO))) {
            RetryingDelivery.Outcome outcome =
                    THREE_TRIES.deliver(new WebhookChannel(webhook.url("/hook"), TIMEOUT), MESSAGE);

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.lastError()).startsWith("127.0.0.1 refused the message with 400: xxx").hasSizeLessThan(300);
        }
    }

    @Test
    void retriesServerErrorsWithTheSameIdempotencyKeyUntilDelivered() throws Exception {
        try (RecordingServer webhook = new RecordingServer(Answer.status(500), Answer.status(503), Answer.ok("ok"))) {
            RetryingDelivery.Outcome outcome =
                    THREE_TRIES.deliver(new WebhookChannel(webhook.url("/hook"), TIMEOUT), MESSAGE);

            assertThat(outcome).isEqualTo(new RetryingDelivery.Outcome(true, 3, null));
            assertThat(webhook.requests()).extracting(r -> r.headers().get("Idempotency-key").get(0))
                    .containsOnly("alert-1:G-XF-01-01/lead")
                    .hasSize(3);
        }
    }

    @Test
    void retriesATimeout() throws Exception {
        try (RecordingServer slow = new RecordingServer(Answer.slow(Duration.ofSeconds(3)), Answer.ok("{\"errcode\":0}"))) {
            RetryingDelivery.Outcome outcome = THREE_TRIES.deliver(
                    new WeComChannel(slow.url("/hook"), Duration.ofMillis(300)), MESSAGE);

            assertThat(outcome.delivered()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(2);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() throws Exception {
        try (RecordingServer down = new RecordingServer(Answer.status(503))) {
            RetryingDelivery.Outcome outcome = THREE_TRIES.deliver(new WebhookChannel(down.url("/hook"), TIMEOUT), MESSAGE);

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.attempts()).isEqualTo(3);
            assertThat(outcome.lastError()).isEqualTo("127.0.0.1 answered 503");
            assertThat(down.requests()).hasSize(3);
        }
    }

    @Test
    void doesNotRetryWhatCannotSucceed() throws Exception {
        try (RecordingServer refusing = new RecordingServer(Answer.status(400));
                RecordingServer robot = new RecordingServer(Answer.ok("{\"errcode\":310000,\"errmsg\":\"sign not match\"}"))) {
            assertThat(THREE_TRIES.deliver(new WebhookChannel(refusing.url("/hook"), TIMEOUT), MESSAGE).attempts())
                    .isEqualTo(1);
            RetryingDelivery.Outcome outcome = THREE_TRIES.deliver(new WeComChannel(robot.url("/hook"), TIMEOUT), MESSAGE);
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.attempts()).isEqualTo(1);
            assertThat(outcome.lastError()).contains("sign not match");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
