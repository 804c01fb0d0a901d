package io.gridwatch.notify.channel;

/** A delivery attempt failed; {@link #retryable()} tells whether trying again can help. */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
