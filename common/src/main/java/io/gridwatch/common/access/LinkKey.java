package io.gridwatch.common.access;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The secret that signs action links ({@link ActionLink}): read from the environment variable {@value #VARIABLE} of the
 * job (which signs) and of {@code gridwatch serve} (which checks) — the same value in both, at least 32 bytes. There
 * is no random fallback: a link signed under a key the server does not have would only be refused.
 */
public final class LinkKey implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String VARIABLE = "GRIDWATCH_LINK_KEY";
    /** The shortest key taken: 256 bits of a random string's worth. */
    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private LinkKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key {@code value}, or an error naming {@value #VARIABLE} if it is too short. */
    public static LinkKey of(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(VARIABLE + " must be at least " + MIN_BYTES + " bytes long");
        }
        return new LinkKey(bytes);
    }

    /** The key in {@code env}'s {@value #VARIABLE}, if set. */
    public static Optional<LinkKey> from(Function<String, String> env) {
        String value = env.apply(VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(of(value));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "LinkKey[hidden]"; // never a secret in a log line
    }
}
