package io.gridwatch.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk (钉钉) group robot with 加签 security: every request carries {@code timestamp} (epoch millis) and
 * {@code sign} = URL-encoded Base64 of HMAC-SHA256 over {@code timestamp + "\n" + secret}, keyed by the secret.
 * The message is Markdown. The secret comes from the environment, never from a file.
 */
public final class DingTalkChannel extends HttpChannel {

    private static final long serialVersionUID = 1L;

    /**
     * Notices are kept under 4,000 bytes of UTF-8: DingTalk documents no exact markdown limit, and WeCom's is 4,096 —
     * one cap for both, far above a notice's usual 1,000.
     */
    static final int MAX_BYTES = 4000;

    private final URI webhook;
    private final String secret;
    private final Clock clock;

    /**
     * @param webhook the robot's URL, {@code https://oapi.dingtalk.com/robot/send?access_token=...}
     */
    public DingTalkChannel(URI webhook, String secret, Duration timeout, Clock clock) {
        super(timeout);
        this.webhook = webhook;
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public void send(Message message) throws DeliveryException {
        long timestamp = clock.millis();
        String separator = webhook.getQuery() == null ? "?" : "&";
        URI signed = URI.create(webhook + separator + "timestamp=" + timestamp + "&sign="
                + URLEncoder.encode(sign(timestamp, secret), StandardCharsets.UTF_8));
        ObjectNode body = JSON.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("title", message.title())
                .put("text", MarkdownText.fit(message.text(), MAX_BYTES));
        post(signed, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)), before URL encoding. */
    static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
