package io.gridwatch.notify.channel;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers through a channel with retries: exponential backoff from {@code firstBackoff}, doubling up to
 * {@code maxBackoff}, each wait jittered (a random time between half and all of it, so that many senders failing
 * together do not retry together), at most {@code maxAttempts} attempts. A failure that cannot succeed on retry ends at once.
 */
public final class RetryingDelivery implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The outcome: delivered after {@code attempts}, or failed with the last error. */
    public record Outcome(boolean delivered, int attempts, String lastError) {}

    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    public RetryingDelivery(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    public Outcome deliver(Channel channel, Message message) throws InterruptedException {
        Duration backoff = firstBackoff;
        String lastError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                channel.send(message);
                return new Outcome(true, attempt, null);
            } catch (DeliveryException e) {
                lastError = e.getMessage();
                if (!e.retryable() || attempt == maxAttempts) {
                    return new Outcome(false, attempt, lastError);
                }
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2, backoff.toMillis() + 1));
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
        return new Outcome(false, maxAttempts, lastError);
    }
}
