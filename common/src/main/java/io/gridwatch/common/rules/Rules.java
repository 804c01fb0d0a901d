package io.gridwatch.common.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Every threshold, window, SLA, level mapping and cool-down of every detector, read from {@code rules.yaml} (the
 * shipped default is {@code common/src/main/resources/gridwatch/rules.yaml}, with a comment on each rule), each with
 * its per-category and per-street overrides. Load with {@link RulesLoader}.
 */
public record Rules(
        RuleSet<RepeatedDisputeRule> repeatedDispute,
        RuleSet<OverdueResponseRule> overdueResponse,
        RuleSet<EscalatingDisputeRule> escalatingDispute,
        RuleSet<PatrolGapRule> patrolGap,
        RuleSet<NewCategoryRule> newCategory,
        RuleSet<GridHotspotRule> gridHotspot,
        RuleSet<ClusterHotspotRule> clusterHotspot)
        implements Serializable {

    /** The detector names, which are also the sections of {@code rules.yaml}. */
    public static final String REPEATED_DISPUTE = "repeated_dispute";
    public static final String OVERDUE_RESPONSE = "overdue_response";
    public static final String ESCALATING_DISPUTE = "escalating_dispute";
    public static final String PATROL_GAP = "patrol_gap";
    public static final String NEW_CATEGORY = "new_category";
    public static final String GRID_HOTSPOT = "grid_hotspot";
    public static final String CLUSTER_HOTSPOT = "cluster_hotspot";

    public Rules {
        Objects.requireNonNull(repeatedDispute, REPEATED_DISPUTE);
        Objects.requireNonNull(overdueResponse, OVERDUE_RESPONSE);
        Objects.requireNonNull(escalatingDispute, ESCALATING_DISPUTE);
        Objects.requireNonNull(patrolGap, PATROL_GAP);
        Objects.requireNonNull(newCategory, NEW_CATEGORY);
        Objects.requireNonNull(gridHotspot, GRID_HOTSPOT);
        Objects.requireNonNull(clusterHotspot, CLUSTER_HOTSPOT);
    }

    /** A copy with {@code repeated_dispute} replaced. */
    public Rules withRepeatedDispute(RuleSet<RepeatedDisputeRule> rules) {
        return new Rules(rules, overdueResponse, escalatingDispute, patrolGap, newCategory, gridHotspot, clusterHotspot);
    }

    /** A copy with {@code escalating_dispute} replaced. */
    public Rules withEscalatingDispute(RuleSet<EscalatingDisputeRule> rules) {
        return new Rules(repeatedDispute, overdueResponse, rules, patrolGap, newCategory, gridHotspot, clusterHotspot);
    }

    /** A copy with {@code overdue_response} replaced. */
    public Rules withOverdueResponse(RuleSet<OverdueResponseRule> rules) {
        return new Rules(repeatedDispute, rules, escalatingDispute, patrolGap, newCategory, gridHotspot, clusterHotspot);
    }

    /** A copy with {@code patrol_gap} replaced. */
    public Rules withPatrolGap(RuleSet<PatrolGapRule> rules) {
        return new Rules(repeatedDispute, overdueResponse, escalatingDispute, rules, newCategory, gridHotspot, clusterHotspot);
    }


    /** The section of {@code rules.yaml} named {@code detector}. */
    public RuleSet<? extends AlertRule> section(String detector) {
        RuleSet<? extends AlertRule> rules = sections().get(detector);
        if (rules == null) {
            throw new IllegalArgumentException("no rules for detector '" + detector + "'");
        }
        return rules;
    }

    /** A copy with the sections named in {@code detectors} taken from {@code other}. */
    public Rules withSectionsOf(Rules other, Collection<String> detectors) {
        Rules copy = this;
        for (String detector : detectors) {
            copy = switch (detector) {
                case REPEATED_DISPUTE -> copy.withRepeatedDispute(other.repeatedDispute);
                case OVERDUE_RESPONSE -> copy.withOverdueResponse(other.overdueResponse);
                case ESCALATING_DISPUTE -> copy.withEscalatingDispute(other.escalatingDispute);
                case PATROL_GAP -> copy.withPatrolGap(other.patrolGap);
                case NEW_CATEGORY -> new Rules(copy.repeatedDispute, copy.overdueResponse, copy.escalatingDispute,
                        copy.patrolGap, other.newCategory, copy.gridHotspot, copy.clusterHotspot);
                case GRID_HOTSPOT -> new Rules(copy.repeatedDispute, copy.overdueResponse, copy.escalatingDispute,
                        copy.patrolGap, copy.newCategory, other.gridHotspot, copy.clusterHotspot);
                case CLUSTER_HOTSPOT -> new Rules(copy.repeatedDispute, copy.overdueResponse, copy.escalatingDispute,
                        copy.patrolGap, copy.newCategory, copy.gridHotspot, other.clusterHotspot);
                default -> throw new IllegalArgumentException("no rules for detector '" + detector + "'");
            };
        }
        return copy;
    }

    /** The cool-down of {@code detector}'s alerts in grids of {@code street}. */
    public Duration cooldown(String detector, String street) {
        return section(detector).forStreet(street).cooldown();
    }

    private Map<String, RuleSet<? extends AlertRule>> sections() {
        return Map.of(
                REPEATED_DISPUTE, repeatedDispute,
                OVERDUE_RESPONSE, overdueResponse,
                ESCALATING_DISPUTE, escalatingDispute,
                PATROL_GAP, patrolGap,
                NEW_CATEGORY, newCategory,
                GRID_HOTSPOT, gridHotspot,
                CLUSTER_HOTSPOT, clusterHotspot);
    }
}
