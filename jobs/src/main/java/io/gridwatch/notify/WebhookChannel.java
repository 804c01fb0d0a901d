package io.gridwatch.notify;

import java.net.URI;
import java.time.Duration;

/**
 * A generic JSON webhook: {@code {"idempotencyKey", "title", "text"}}, with the key also in the
 * {@code Idempotency-Key} header.
 */
public final class WebhookChannel extends HttpChannel {

    private static final long serialVersionUID = 1L;

    private final URI url;

    public WebhookChannel(URI url, Duration timeout) {
        super(timeout);
        this.url = url;
    }

    @Override
    public void send(Notification notification) throws DeliveryException {
        byte[] body = JSON.createObjectNode()
                .put("idempotencyKey", notification.idempotencyKey())
                .put("title", notification.title())
                .put("text", notification.text())
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        post(url, body, "Idempotency-Key", notification.idempotencyKey());
    }
}
