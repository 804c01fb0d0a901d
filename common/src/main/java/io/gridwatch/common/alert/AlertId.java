package io.gridwatch.common.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic alert ids: a replay of the same events yields the same ids, so Elasticsearch (doc id = alertId) and
 * consumers of {@code gridwatch.alerts} see each alert once however often the job is restarted.
 */
public final class AlertId {

    private AlertId() {}

    /** {@code detector-<20 hex digits of SHA-256(detector, gridId, key, evidence ids)>}. */
    public static String of(String detector, String gridId, String key, List<String> eventIds) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        // The unit separator cannot occur in ids, so distinct inputs never join to the same bytes.
        String joined = String.join("\u001f", detector, gridId, key == null ? "" : key, String.join("\u001f", eventIds));
        byte[] digest = sha256.digest(joined.getBytes(StandardCharsets.UTF_8));
        return detector + "-" + HexFormat.of().formatHex(digest, 0, 10);
    }
}
