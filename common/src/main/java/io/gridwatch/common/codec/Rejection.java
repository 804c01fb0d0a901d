package io.gridwatch.common.codec;

import java.io.Serializable;

/** A reason code and a sentence for staff, e.g. {@code missing_field: 'gridId' is required}. */
public record Rejection(RejectReason reason, String detail) implements Serializable {

    @Override
    public String toString() {
        return reason.code() + ": " + detail;
    }
}
