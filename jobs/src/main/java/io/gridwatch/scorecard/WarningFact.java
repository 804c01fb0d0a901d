package io.gridwatch.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.WireName;
import java.time.Instant;
import java.util.List;

/**
 * What the scorecard reads of one warning ({@code gridwatch-alerts}) and its escalations
 * ({@code gridwatch-alert-history}).
 *
 * @param firstActed when the lead first acted on it: acknowledged (签收), else resolved; {@code null} if never
 * @param pushed sent to staff: not held back by a silence (静默), not recovered as it was raised
 * @param status open, acknowledged, resolved or false_alarm
 * @param recoveredAt when the condition ended of itself (a hotspot cooled down, a late-synced answer withdrew it),
 *     or {@code null}
 * @param escalatedTo the tiers it escalated to (community, street)
 */
public record WarningFact(String alertId, String detector, String gridId, AlertLevel level, Instant createdAt,
        Instant firstActed, boolean pushed, Instant recoveredAt, String status, List<String> escalatedTo) {

    static WarningFact fromSource(JsonNode source, List<String> escalatedTo) {
        Instant acknowledged = time(source, "acknowledgedAt");
        Instant acted = acknowledged != null ? acknowledged : time(source, "resolvedAt");
        Instant created = time(source, "createdAt");
        Instant recovered = time(source, "recoveredAt");
        // An alert recovered as it was raised (an answer given late, known before it fell due) is sent to no one.
        boolean pushed = !source.hasNonNull("silence") && (recovered == null || recovered.isAfter(created));
        AlertLevel level = WireName.find(AlertLevel.class, source.get("level").asText()).orElseThrow();
        return new WarningFact(source.get("alertId").asText(), source.get("detector").asText(),
                source.get("gridId").asText(), level, created, acted, pushed, recovered,
                source.path("status").asText("open"), escalatedTo);
    }

    /** Closed by staff as handled or as a false alarm. */
    boolean closed() {
        return status.equals("resolved") || falseAlarm();
    }

    /** Closed by staff as a false alarm (误报). */
    boolean falseAlarm() {
        return status.equals("false_alarm");
    }

    private static Instant time(JsonNode source, String field) {
        return source.hasNonNull(field) ? Instant.parse(source.get(field).asText()) : null;
    }
}
