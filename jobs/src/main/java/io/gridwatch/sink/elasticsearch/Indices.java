package io.gridwatch.sink.elasticsearch;

/**
 * Every Elasticsearch index GridWatch writes, by name: the one place the names live (their mappings are the index
 * templates of {@code dashboards/templates/}, applied by {@code io.gridwatch.setup.IndexTemplates}).
 */
public final class Indices {

    /** Alerts, one document per alert id, with their lifecycle status. */
    public static final String ALERTS = "gridwatch-alerts";

    /** An alert's history: staff's changes of its status and its escalations. */
    public static final String HISTORY = "gridwatch-alert-history";

    /** Events, one index per local month of occurrence: {@code gridwatch-events-YYYY.MM}. */
    public static final String EVENTS_PREFIX = "gridwatch-events-";

    /** Every month's events. */
    public static final String EVENTS = EVENTS_PREFIX + "*";

    /** The daily rollup (网格日报), one document per grid and local day. */
    public static final String GRID_DAILY = "gridwatch-grid-daily";

    /** Complaint cases (诉求办理): one document per complaint, its deadline, answer, resolution and rating. */
    public static final String CASES = "gridwatch-cases";

    private Indices() {}
}
