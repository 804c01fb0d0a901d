package io.gridwatch.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/**
 * Lets a source emit {@code records}, then holds it open without emitting more: the job keeps running with all its
 * state, as a live job between events does, so a savepoint can take that state (a warm start, the state benchmark).
 */
public final class HoldAfter<S extends SourceSplit> implements RateLimiterStrategy<S> {

    private static final long serialVersionUID = 1L;

    private final long records;

    public HoldAfter(long records) {
        this.records = records;
    }

    @Override
    public RateLimiter<S> createRateLimiter(int parallelism) {
        return new RateLimiter<>() {
            private long left = records;

            @Override
            public CompletionStage<Void> acquire(int permits) {
                if (left <= 0) {
                    return new CompletableFuture<>(); // never: the source stays open and quiet
                }
                left -= permits;
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
