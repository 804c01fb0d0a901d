package io.gridwatch.sink.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the sink batches and retries.
 *
 * @param maxActions documents a lane buffers before it sends them as one bulk request; with {@code maxInFlight}, bounds
 *     the sink's memory
 * @param maxInFlight bulk requests a writer has in flight at once, one per lane; each document's writes stay in order
 * @param flushInterval the longest a buffered document waits before it is sent
 * @param maxRetryTime how long one bulk request is retried through 429s, 5xxs and lost connections before the
 *     writer fails (and Flink restarts the job from its last checkpoint)
 */
public record BulkSettings(int maxActions, int maxInFlight, Duration flushInterval, Duration maxRetryTime)
        implements Serializable {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
}
