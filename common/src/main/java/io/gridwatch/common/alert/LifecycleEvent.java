package io.gridwatch.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;

/**
 * A change of an alert's status made by staff (处置): the record of it. Published on the lifecycle topic first, which
 * is the source of truth: the job stops escalating the alert and writes the alert's status and its history entry to
 * Elasticsearch from it.
 *
 * @param status the status reached: {@code acknowledged}, {@code resolved} or {@code false_alarm}
 * @param by who acted, at most {@link #MAX_BY} characters: the authenticated identity (a token's name, a link's
 *     recipient) or, from the command line, the operator's word
 * @param note at most {@link #MAX_NOTE} characters
 * @param from the status it left ({@code open} or {@code acknowledged}); absent in records written before it was kept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleEvent(String alertId, String status, String by, Instant at, String note, String from)
        implements Serializable {

    /** A change whose previous status is not known. */
    public LifecycleEvent(String alertId, String status, String by, Instant at, String note) {
        this(alertId, status, by, at, note, null);
    }

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
        if (from != null && !java.util.Set.of("open", "acknowledged").contains(from)) {
            throw new IllegalArgumentException("from must be open | acknowledged, was " + from);
        }
    }

    /** This change, leaving {@code previous}. */
    public LifecycleEvent leaving(String previous) {
        return new LifecycleEvent(alertId, status, by, at, note, previous);
    }
}
