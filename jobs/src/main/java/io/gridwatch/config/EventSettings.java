package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.DEDUP_WINDOW;
import static io.gridwatch.config.GridWatchOptions.IDLE_TIMEOUT;
import static io.gridwatch.config.GridWatchOptions.MAX_AGE;
import static io.gridwatch.config.GridWatchOptions.MAX_FUTURE_SKEW;
import static io.gridwatch.config.GridWatchOptions.MAX_OUT_OF_ORDERNESS;
import static io.gridwatch.config.GridWatchOptions.MAX_RECORD_BYTES;

import java.time.Duration;

/**
 * How incoming events are taken: their event time and watermarks, what is too far ahead or too old, duplicates, size.
 *
 * @param maxOutOfOrderness how long a warning waits for stragglers before event time passes them
 * @param idleTimeout after which a partition without events follows the wall clock
 * @param maxFutureSkew how far ahead of the clock an event may be dated
 * @param maxAge how far back an event may be dated
 * @param dedupWindow how long an event id is remembered to drop its duplicates
 * @param maxRecordBytes the largest record taken
 */
public record EventSettings(Duration maxOutOfOrderness, Duration idleTimeout, Duration maxFutureSkew, Duration maxAge,
        Duration dedupWindow, int maxRecordBytes) {

    static EventSettings read(ConfigValues values) {
        return new EventSettings(values.notNegative(MAX_OUT_OF_ORDERNESS), values.positive(IDLE_TIMEOUT),
                values.notNegative(MAX_FUTURE_SKEW), values.positive(MAX_AGE), values.positive(DEDUP_WINDOW),
                values.positiveInt(MAX_RECORD_BYTES));
    }
}
