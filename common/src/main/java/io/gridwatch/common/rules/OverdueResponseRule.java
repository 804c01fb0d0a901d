package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code overdue_response} (网格吹哨、部门报到): a complaint that no patrol {@code followup} or {@code resolution}
 * answers within the SLA of its severity.
 *
 * @param slaBySeverity the response deadline after {@code reportedAt} (受理), for each severity 1-4
 * @param allowedLateness how long after a deadline the alert waits for an answer given in time but synced late by
 *     a patrol app; an answer synced later still withdraws the alert
 */
public record OverdueResponseRule(Map<Integer, Duration> slaBySeverity, int orangeAtSeverity, int redAtSeverity,
        Duration allowedLateness, Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public OverdueResponseRule(
            @JsonProperty(value = "sla", required = true) Map<String, String> sla,
            @JsonProperty(value = "orange_at_severity", required = true) int orangeAtSeverity,
            @JsonProperty(value = "red_at_severity", required = true) int redAtSeverity,
            @JsonProperty(value = "allowed_lateness", required = true) String allowedLateness,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(RuleValues.bySeverity("sla", sla), orangeAtSeverity, redAtSeverity,
                RuleValues.nonNegativeDuration("allowed_lateness", allowedLateness),
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public OverdueResponseRule {
        RuleValues.levels(orangeAtSeverity, redAtSeverity);
        slaBySeverity = new TreeMap<>(slaBySeverity);
    }

    public Duration slaFor(int severity) {
        return slaBySeverity.get(severity);
    }

    public AlertLevel levelFor(Complaint complaint) {
        return RuleValues.levelFor(complaint.severity(), orangeAtSeverity, redAtSeverity);
    }
}
