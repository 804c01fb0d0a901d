package io.gridwatch.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;

/**
 * A change of an alert's status made by staff, published on the lifecycle topic after Elasticsearch accepted it, so
 * the notifier stops escalating an alert somebody has taken on.
 *
 * @param status the status reached: {@code acknowledged}, {@code resolved} or {@code false_alarm}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleEvent(String alertId, String status, String by, Instant at, String note) implements Serializable {

    public LifecycleEvent {
        if (alertId == null || alertId.isBlank()) {
            throw new IllegalArgumentException("alertId is required");
        }
        if (status == null || !java.util.Set.of("acknowledged", "resolved", "false_alarm").contains(status)) {
            throw new IllegalArgumentException("status must be acknowledged | resolved | false_alarm, was " + status);
        }
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("by is required");
        }
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
    }
}
