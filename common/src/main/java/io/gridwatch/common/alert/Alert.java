package io.gridwatch.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridwatch.common.event.GeoPoint;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An early warning (预警) raised by one detector for one grid, as indexed into {@code gridwatch-alerts} and
 * published on {@code gridwatch.alerts}.
 *
 * @param alertId deterministic: the same detector, key and evidence always give the same id (see {@link AlertId})
 * @param detector the snake_case detector name used in rules and dashboards
 * @param key what the alert is about within the grid, e.g. the dispute's subject; {@code null} for grid-wide alerts
 * @param windowStart event time of the earliest evidence
 * @param windowEnd event time of the latest evidence
 * @param count how many events are evidence, all of them, however many {@code eventIds} lists
 * @param eventIds the evidence, in event-time order: at most {@link #MAX_EVIDENCE_IDS}, the latest, so that an alert
 *     about a mass incident stays a small record (Kafka refuses records over 1 MB)
 * @param message the Chinese text shown to staff and sent to the grid lead
 * @param createdAt event time at which the evidence completed the pattern; a replay of the same events yields the
 *     same value, so re-indexing never changes an alert
 * @param location the grid's centroid, for maps
 * @param recoveredAt event time at which the condition ended (a hot grid cooled down), or {@code null} while it
 *     holds or for alerts about single events, which do not recover
 * @param silence the silence that holds the alert back from being sent, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String alertId,
        String detector,
        AlertLevel level,
        String gridId,
        String gridName,
        String community,
        String street,
        String district,
        String key,
        Instant windowStart,
        Instant windowEnd,
        int count,
        List<String> eventIds,
        String message,
        Instant createdAt,
        GeoPoint location,
        Instant recoveredAt,
        Silence silence)
        implements Serializable {

    /** The most evidence ids an alert lists. */
    public static final int MAX_EVIDENCE_IDS = 100;

    public Alert {
        eventIds = new ArrayList<>(eventIds.size() > MAX_EVIDENCE_IDS
                ? eventIds.subList(eventIds.size() - MAX_EVIDENCE_IDS, eventIds.size())
                : eventIds);
    }

    /** An alert that has not recovered. */
    public Alert(
            String alertId, String detector, AlertLevel level, String gridId, String gridName, String community,
            String street, String district, String key, Instant windowStart, Instant windowEnd, int count,
            List<String> eventIds, String message, Instant createdAt, GeoPoint location) {
        this(alertId, detector, level, gridId, gridName, community, street, district, key, windowStart, windowEnd,
                count, eventIds, message, createdAt, location, null, null);
    }

    /** This alert, marked recovered at {@code at}, with the recovery notice as its message. */
    public Alert recovered(Instant at, String notice) {
        return new Alert(alertId, detector, level, gridId, gridName, community, street, district, key, windowStart,
                windowEnd, count, eventIds, notice, createdAt, location, at, silence);
    }

    /** This alert, held back by {@code silence}. */
    public Alert silencedBy(Silence silence) {
        return new Alert(alertId, detector, level, gridId, gridName, community, street, district, key, windowStart,
                windowEnd, count, eventIds, message, createdAt, location, recoveredAt, silence);
    }
}
