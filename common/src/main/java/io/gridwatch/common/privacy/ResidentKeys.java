package io.gridwatch.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Who a resident is, as state and checkpoints may keep it: a keyed hash (HMAC-SHA256, 128 bits kept) of their phone
 * number or name, never the number or name itself. Keyed, because phone numbers are few enough to hash them all: an
 * unkeyed hash would be reversed by anyone who reads a checkpoint.
 *
 * <p>The key is read from the environment variable {@value #KEY_VARIABLE} of each TaskManager (at least 16 bytes;
 * set the same value everywhere and keep it, as the residents' keys in checkpoints depend on it). Without it each
 * process draws a random key: counts are right while it runs, but after a restart on another process a resident who
 * complained before it counts once more in the hotspot windows still open — for a day at most.
 */
public final class ResidentKeys {

    public static final String KEY_VARIABLE = "GRIDWATCH_RESIDENT_KEY";

    private static final byte[] KEY = key(System.getenv(KEY_VARIABLE));
    /** One initialised MAC per thread, all with the process's key: made once, not per complaint. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> Hmac.sha256(KEY));

    private ResidentKeys() {}

    /** {@code kind:} and the keyed hash of {@code value}: the same for the same value in one key's lifetime. */
    public static String of(String kind, String value) {
        return kind + ":" + hash(MAC.get(), value);
    }

    static String hash(byte[] key, String value) {
        return hash(Hmac.sha256(key), value);
    }

    private static String hash(Mac mac, String value) {
        byte[] digest = mac.doFinal(value.strip().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    static byte[] key(String configured) {
        if (configured != null && configured.getBytes(StandardCharsets.UTF_8).length >= 16) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        if (configured != null && !configured.isBlank()) {
            throw new IllegalStateException(KEY_VARIABLE + " must be at least 16 bytes long");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
