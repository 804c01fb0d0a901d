package io.gridwatch.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;

/**
 * A change of an alert's status made by staff, published on the lifecycle topic after Elasticsearch accepted it, so
 * the notifier stops escalating an alert somebody has taken on.
 *
 * @param status the status reached: {@code acknowledged}, {@code resolved} or {@code false_alarm}
 * @param by who acted, at most {@link #MAX_BY} characters
 * @param note at most {@link #MAX_NOTE} characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleEvent(String alertId, String status, String by, Instant at, String note) implements Serializable {

    /** The longest {@code by}: a person's or a service's name, well within Elasticsearch's keyword limits. */
    public static final int MAX_BY = 64;
    /** The longest note. */
    public static final int MAX_NOTE = 1000;

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
        if (by.codePointCount(0, by.length()) > MAX_BY) {
            throw new IllegalArgumentException("by must be at most " + MAX_BY + " characters");
        }
        if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE) {
            throw new IllegalArgumentException("note must be at most " + MAX_NOTE + " characters");
        }
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
    }
}
