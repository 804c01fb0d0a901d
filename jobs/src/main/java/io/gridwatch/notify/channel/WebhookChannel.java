package io.gridwatch.notify.channel;

import java.net.URI;
import java.time.Duration;

/**
 * A generic JSON webhook: {@code {"idempotencyKey", "title", "text"}}, with the key also in the
 * {@code Idempotency-Key} header, where characters beyond ASCII (community and street names) are percent-encoded
 * as UTF-8, since HTTP header values are ASCII.
 */
public final class WebhookChannel extends HttpChannel {

    private static final long serialVersionUID = 1L;

    private final URI url;

    public WebhookChannel(URI url, Duration timeout) {
        super(timeout);
        this.url = url;
    }

    @Override
    public void send(Message message) throws DeliveryException {
        byte[] body = JSON.createObjectNode()
                .put("idempotencyKey", message.idempotencyKey())
                .put("title", message.title())
                .put("text", message.text())
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        post(url, body, "Idempotency-Key", ascii(message.idempotencyKey()));
    }

    static String ascii(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x80) {
                out.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        });
        return out.toString();
    }
}
