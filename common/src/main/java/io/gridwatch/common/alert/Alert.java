package io.gridwatch.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.grid.Grid;
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
        return toBuilder().message(notice).recoveredAt(at).build();
    }

    /** This alert, held back by {@code silence}. */
    public Alert silencedBy(Silence silence) {
        return toBuilder().silence(silence).build();
    }

    /** A new alert of {@code detector} at {@code level}; the rest is set on the builder. */
    public static Builder builder(String detector, AlertLevel level) {
        Builder builder = new Builder();
        builder.detector = detector;
        builder.level = level;
        return builder;
    }

    /** A builder holding this alert's fields, to make a changed copy. */
    public Builder toBuilder() {
        Builder builder = builder(detector, level);
        builder.alertId = alertId;
        builder.gridId = gridId;
        builder.gridName = gridName;
        builder.community = community;
        builder.street = street;
        builder.district = district;
        builder.key = key;
        builder.windowStart = windowStart;
        builder.windowEnd = windowEnd;
        builder.count = count;
        builder.eventIds = eventIds;
        builder.message = message;
        builder.createdAt = createdAt;
        builder.location = location;
        builder.recoveredAt = recoveredAt;
        builder.silence = silence;
        return builder;
    }

    /**
     * Builds an {@link Alert} by name instead of eighteen places. Unless set, the id is derived from detector, grid,
     * key and evidence ({@link AlertId}), and {@code count} is the number of evidence ids.
     */
    public static final class Builder {
        private String alertId;
        private String detector;
        private AlertLevel level;
        private String gridId;
        private String gridName;
        private String community;
        private String street;
        private String district;
        private String key;
        private Instant windowStart;
        private Instant windowEnd;
        private Integer count;
        private List<String> eventIds = List.of();
        private String message;
        private Instant createdAt;
        private GeoPoint location;
        private Instant recoveredAt;
        private Silence silence;

        private Builder() {}

        /** The grid it is raised in: id, name, community, street, district and centroid. */
        public Builder grid(Grid grid) {
            gridId = grid.gridId();
            gridName = grid.name();
            community = grid.community();
            street = grid.street();
            district = grid.district();
            location = grid.centroid();
            return this;
        }

        public Builder alertId(String value) {
            alertId = value;
            return this;
        }

        public Builder level(AlertLevel value) {
            level = value;
            return this;
        }

        public Builder community(String value) {
            community = value;
            return this;
        }

        public Builder key(String value) {
            key = value;
            return this;
        }

        /** When the evidence happened, from its first to its last. */
        public Builder window(Instant start, Instant end) {
            windowStart = start;
            windowEnd = end;
            return this;
        }

        /** The evidence's ids, and how many events are evidence in all (the ids may be fewer). */
        public Builder evidence(int total, List<String> ids) {
            count = total;
            eventIds = ids;
            return this;
        }

        public Builder message(String value) {
            message = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder recoveredAt(Instant value) {
            recoveredAt = value;
            return this;
        }

        public Builder silence(Silence value) {
            silence = value;
            return this;
        }

        public Alert build() {
            String id = alertId != null ? alertId : AlertId.of(detector, gridId, key, eventIds);
            return new Alert(id, detector, level, gridId, gridName, community, street, district, key, windowStart,
                    windowEnd, count != null ? count : eventIds.size(), eventIds, message, createdAt, location,
                    recoveredAt, silence);
        }
    }
}
