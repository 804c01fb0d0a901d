package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.CHECKPOINT_INTERVAL;
import static io.gridwatch.config.GridWatchOptions.CHECKPOINT_MODE;
import static io.gridwatch.config.GridWatchOptions.CHECKPOINT_STORAGE;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * How often state is checkpointed, and where.
 *
 * @param storage the durable directory (a URI), when configured
 */
public record CheckpointSettings(Duration interval, CheckpointingMode mode, Optional<String> storage) {

    static CheckpointSettings read(ConfigValues values) {
        return new CheckpointSettings(values.positive(CHECKPOINT_INTERVAL), values.read(CHECKPOINT_MODE),
                values.optionalNonBlank(CHECKPOINT_STORAGE));
    }
}
