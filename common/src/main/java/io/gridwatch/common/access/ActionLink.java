package io.gridwatch.common.access;

import io.gridwatch.common.privacy.Hmac;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signed link to a warning's action page, sent in the notice to one recipient: whoever holds it may sign for,
 * close or dismiss that one warning until it expires, and is recorded as that recipient. The signature is an
 * HMAC-SHA256 (128 bits kept) under the link key ({@link LinkKey}) of the alert id, the recipient and the expiry, so
 * changing any of them, or the key, breaks it.
 *
 * <p>Form: {@code <base>/a/<alertId>?r=<recipient>&e=<expiry, epoch seconds>&s=<signature, base64url>}.
 */
public record ActionLink(String alertId, String recipient, Instant expiresAt) {

    /** The path under which the action pages are served. */
    public static final String PATH = "/a/";

    /** Why a link is refused, in words for the person holding it. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The full link under {@code baseUrl} (e.g. {@code https://gridwatch.example.gov.cn}). */
    public String url(String baseUrl, LinkKey key) {
        return baseUrl.replaceAll("/+$", "") + PATH + encode(alertId) + "?r=" + encode(recipient)
                + "&e=" + expiresAt.getEpochSecond() + "&s=" + signature(key);
    }

    /** The signature of this link under {@code key}. */
    public String signature(LinkKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key));
    }

    /**
     * The link named by the page's path and query parameters, if its signature holds under {@code key} and it has not
     * expired at {@code now}.
     */
    public static ActionLink verify(String alertId, String recipient, String expiry, String signature, LinkKey key,
            Instant now) throws RefusedException {
        if (alertId == null || recipient == null || expiry == null || signature == null
                || alertId.isBlank() || recipient.isBlank()) {
            throw new RefusedException("链接不完整，请从预警通知中重新打开");
        }
        ActionLink link;
        byte[] given;
        try {
            link = new ActionLink(alertId, recipient, Instant.ofEpochSecond(Long.parseLong(expiry)));
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("链接无效，请从预警通知中重新打开");
        }
        if (!MessageDigest.isEqual(link.mac(key), given)) {
            throw new RefusedException("链接无效（签名不符），请从预警通知中重新打开");
        }
        if (!now.isBefore(link.expiresAt())) {
            throw new RefusedException("链接已过期，请在指挥中心系统中处置该预警");
        }
        return link;
    }

    private byte[] mac(LinkKey key) {
        byte[] full = Hmac.of(key.bytes(), "gridwatch-action-link\n" + alertId + "\n" + recipient + "\n"
                + expiresAt.getEpochSecond());
        return Arrays.copyOf(full, 16);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
