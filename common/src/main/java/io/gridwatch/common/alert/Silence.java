package io.gridwatch.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;

/**
 * A silence (静默): for a period such as a festival or a planned event, alerts of one grid, one detector, or a whole
 * street (or a combination: all scopes given must match) are not sent to anyone. They are still indexed, carrying
 * the silence that held them back, so the dashboard shows what was silenced and why.
 *
 * @param id chosen by whoever creates the silence; publishing the same id again replaces it (e.g. to lift it early)
 * @param from start of the period, inclusive, compared with the alert's {@code createdAt}
 * @param until end of the period, exclusive
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(
        String id, String gridId, String detector, String street, Instant from, Instant until, String reason, String by)
        implements Serializable {

    public Silence {
        require("id", id);
        require("reason", reason);
        require("by", by);
        if (gridId == null && detector == null && street == null) {
            throw new IllegalArgumentException("a silence needs a scope: gridId, detector or street");
        }
        if (from == null || until == null || !until.isAfter(from)) {
            throw new IllegalArgumentException("a silence needs from and until, until after from");
        }
    }

    private static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    /** Whether this silence holds back {@code alert}. */
    public boolean covers(Alert alert) {
        return (gridId == null || gridId.equals(alert.gridId()))
                && (detector == null || detector.equals(alert.detector()))
                && (street == null || street.equals(alert.street()))
                && !alert.createdAt().isBefore(from)
                && alert.createdAt().isBefore(until);
    }

    /** Whether the period is over at {@code time}, so the silence can be forgotten. */
    public boolean endedBy(Instant time) {
        return !until.isAfter(time);
    }
}
