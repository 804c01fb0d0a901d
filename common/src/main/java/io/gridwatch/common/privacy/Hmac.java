package io.gridwatch.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one keyed hash GridWatch uses: for residents' keys and for signed action links. */
public final class Hmac {

    private Hmac() {}

    /** A MAC initialised with {@code key}; not thread-safe, so one per thread or per use. */
    public static Mac sha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The MAC of {@code text} (UTF-8) under {@code key}. */
    public static byte[] of(byte[] key, String text) {
        return sha256(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
