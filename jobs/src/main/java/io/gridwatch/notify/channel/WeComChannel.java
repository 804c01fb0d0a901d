package io.gridwatch.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WeCom (企业微信) group robot: {@code {"msgtype": "markdown", "markdown": {"content": ...}}} posted to its webhook
 * URL, whose {@code key} parameter is the secret (so the URL comes from the environment).
 */
public final class WeComChannel extends HttpChannel {

    private static final long serialVersionUID = 1L;

    /** WeCom refuses markdown content over 4,096 bytes of UTF-8. */
    static final int MAX_BYTES = 4096;

    private final URI webhook;

    public WeComChannel(URI webhook, Duration timeout) {
        super(timeout);
        this.webhook = webhook;
    }

    @Override
    public void send(Message message) throws DeliveryException {
        ObjectNode body = JSON.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("content",
                MarkdownText.fit("**" + message.title() + "**\n" + message.text(), MAX_BYTES));
        post(webhook, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
