package io.gridwatch.topology;

/**
 * Stable operator uids. Savepoints map state to operators by these strings: never change one of a stateful operator
 * without a state migration. Detectors that run one operator per rule variant append the variant's name
 * ({@link #variant}), so adding an override adds an operator without disturbing the others.
 */
public final class OperatorIds {

    private OperatorIds() {}

    public static final String EVENT_SOURCE = "gridwatch-event-source";
    public static final String ROUTE_EVENTS = "gridwatch-route-events";
    public static final String DROP_DUPLICATES = "gridwatch-drop-duplicates";
    public static final String DEADLETTER_SINK = "gridwatch-deadletter-sink";
    public static final String RULES_SOURCE = "gridwatch-rules-source";
    public static final String ROUTE_RULES = "gridwatch-route-rules";
    /** Since 2026-12-01 (one operator per street, every category inside; was one per rule variant). */
    public static final String REPEATED_DISPUTE = "gridwatch-detect-repeated-dispute-by-street";
    /** Since 2026-12-01 (keyed by grid and complaint; was "gridwatch-detect-overdue-response", by complaint alone). */
    public static final String OVERDUE_RESPONSE = "gridwatch-detect-overdue-response-by-grid";
    /** The start of watching every registry grid for patrols (a bounded source). */
    public static final String WATCH_STARTS = "gridwatch-watch-starts";
    public static final String CATEGORY_WATCH_STARTS = "gridwatch-category-watch-starts";
    /** A warm start's sources: not the live job's, whose restore leaves their state unclaimed. */
    public static final String WARM_START_HISTORY = "gridwatch-warm-start-history";
    public static final String WARM_START_RULES = "gridwatch-warm-start-rules";
    /** Since 2026-12-01 (one pattern, was one operator for rising severity and one for conflict after dispute). */
    public static final String ESCALATING_DISPUTE = "gridwatch-detect-escalating-dispute";
    public static final String PATROL_GAP = "gridwatch-detect-patrol-gap";
    public static final String NEW_CATEGORY = "gridwatch-detect-new-category";
    /** Since 2026-12-02 (a learnt rhythm, was an hourly average of another class: that state cannot be read). */
    public static final String GRID_HOTSPOT = "gridwatch-detect-grid-hotspot-rhythm";
    public static final String CLUSTER_HOTSPOT = "gridwatch-detect-cluster-hotspot";
    public static final String SUPPRESS_ALERTS = "gridwatch-suppress-alerts";
    public static final String DAILY_ROLLUP = "gridwatch-daily-rollup";
    public static final String GRID_DAILY_ELASTICSEARCH_SINK = "gridwatch-grid-daily-elasticsearch-sink";
    public static final String COMPLAINT_CASES = "gridwatch-complaint-cases";
    public static final String CASES_ELASTICSEARCH_SINK = "gridwatch-cases-elasticsearch-sink";
    public static final String REPEATED_EVIDENCE_ELASTICSEARCH_SINK = "gridwatch-repeated-evidence-elasticsearch-sink";
    public static final String EVENTS_ELASTICSEARCH_SINK = "gridwatch-events-elasticsearch-sink";
    public static final String ALERTS_ELASTICSEARCH_SINK = "gridwatch-alerts-elasticsearch-sink";
    public static final String ALERTS_KAFKA_SINK = "gridwatch-alerts-kafka-sink";
    public static final String SILENCES_SOURCE = "gridwatch-silences-source";
    public static final String ROUTE_SILENCES = "gridwatch-route-silences";
    public static final String APPLY_SILENCES = "gridwatch-apply-silences";
    public static final String LIFECYCLE_SOURCE = "gridwatch-lifecycle-source";
    public static final String ROUTE_LIFECYCLE = "gridwatch-route-lifecycle";
    public static final String ESCALATE_ALERTS = "gridwatch-escalate-alerts";
    public static final String DELIVER_NOTICES = "gridwatch-deliver-notices";
    public static final String ESCALATIONS_ELASTICSEARCH_SINK = "gridwatch-escalations-elasticsearch-sink";
    public static final String LIFECYCLE_ALERTS_ELASTICSEARCH_SINK = "gridwatch-lifecycle-alerts-elasticsearch-sink";
    public static final String LIFECYCLE_HISTORY_ELASTICSEARCH_SINK = "gridwatch-lifecycle-history-elasticsearch-sink";
    public static final String FAILED_NOTICES_SINK = "gridwatch-failed-notices-sink";

    /** The uid of one rule variant's operator of a detector. */
    public static String variant(String uid, String variant) {
        return uid + "[" + variant + "]";
    }
}
