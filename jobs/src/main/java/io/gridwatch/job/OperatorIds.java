package io.gridwatch.job;

/**
 * Stable operator uids. Savepoints map state to operators by these strings: never change one of a stateful operator
 * without a state migration. Names shown in the Flink UI are next to each.
 */
public final class OperatorIds {

    private OperatorIds() {}

    public static final String EVENT_SOURCE = "gridwatch-event-source";
    public static final String ROUTE_REJECTED = "gridwatch-route-rejected";
    public static final String DEADLETTER_SINK = "gridwatch-deadletter-sink";
    public static final String REPEATED_DISPUTE = "gridwatch-detect-repeated-dispute";
    public static final String ALERTS_ELASTICSEARCH_SINK = "gridwatch-alerts-elasticsearch-sink";
    public static final String ALERTS_KAFKA_SINK = "gridwatch-alerts-kafka-sink";
}
