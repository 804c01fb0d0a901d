package io.gridwatch.common.codec;

/** A record that is not a valid event; carries the {@link Rejection} that goes to the dead-letter topic. */
public class InvalidEventException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    public InvalidEventException(RejectReason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.rejection = new Rejection(reason, detail);
    }

    public Rejection rejection() {
        return rejection;
    }
}
