package io.gridwatch.common.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * An API token of the command centre's screens and of integrations, as the server keeps it: a name (recorded as who
 * acted), the SHA-256 of the secret (never the secret), a {@link Scope} and the {@link Action}s it may take. The
 * secret is 256 random bits, so a plain hash is enough: there is nothing to guess a dictionary of.
 */
public record ApiToken(String name, String sha256, Scope scope, Set<Action> actions) {

    /** What every secret starts with, so a leaked one is recognisable (e.g. by secret scanners). */
    public static final String PREFIX = "gwt_";
    /** The longest name: it is recorded as {@code by}. */
    public static final int MAX_NAME = 64;

    public ApiToken {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME + " characters");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        if (scope == null) {
            throw new IllegalArgumentException("scope is required");
        }
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("actions must name at least one of ack, resolve, false_alarm");
        }
        actions = Set.copyOf(actions);
    }

    /** A new token: its secret, shown once, and the entry to keep. */
    public record Issued(String secret, ApiToken token) {}

    /** Draws a new secret for a token named {@code name}. */
    public static Issued issue(String name, Scope scope, Set<Action> actions) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Issued(secret, new ApiToken(name, hash(secret), scope, actions));
    }

    /** The SHA-256 of {@code secret}, hex. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether this token may take {@code action} on a warning raised in {@code gridId}. */
    public boolean allows(Action action, String street, String community, String gridId) {
        return actions.contains(action) && scope.covers(street, community, gridId);
    }
}
