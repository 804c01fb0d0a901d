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
 * @param pushed sent to staff: not held back by a silence (静默)
 * @param status open, acknowledged, resolved or false_alarm
 * @param escalatedTo the tiers it escalated to (community, street)
 */
public record WarningFact(String alertId, String detector, String gridId, AlertLevel level, Instant createdAt,
        Instant firstActed, boolean pushed, String status, List<String> escalatedTo) {

    static WarningFact fromSource(JsonNode source, List<String> escalatedTo) {
        Instant acted = source.hasNonNull("acknowledgedAt") ? Instant.parse(source.get("acknowledgedAt").asText())
                : source.hasNonNull("resolvedAt") ? Instant.parse(source.get("resolvedAt").asText()) : null;
        return new WarningFact(source.get("alertId").asText(), source.get("detector").asText(),
                source.get("gridId").asText(), WireName.find(AlertLevel.class, source.get("level").asText()).orElseThrow(),
                Instant.parse(source.get("createdAt").asText()), acted, !source.hasNonNull("silence"),
                source.path("status").asText("open"), escalatedTo);
    }
}
