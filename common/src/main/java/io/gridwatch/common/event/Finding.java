package io.gridwatch.common.event;

import java.io.Serializable;
import java.util.Objects;

/** Something a grid worker noted on patrol, classified like a complaint. */
public record Finding(Category category, int severity, String note) implements Serializable {

    public Finding {
        Objects.requireNonNull(category, "category");
        if (severity < Complaint.MIN_SEVERITY || severity > Complaint.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity must be 1-4, was " + severity);
        }
        note = note == null ? "" : note;
    }
}
