package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.WARM_START_HISTORY;
import static io.gridwatch.config.GridWatchOptions.WARM_START_MAPPING;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The history a job starts warm from, when given.
 *
 * @param history a JSONL or CSV file of past events
 * @param mapping how the CSV's columns map to events ({@code open311} or a YAML file), or empty for JSONL
 */
public record WarmStartSettings(Optional<Path> history, Optional<String> mapping) {

    static WarmStartSettings read(ConfigValues values) {
        Optional<Path> history = values.optional(WARM_START_HISTORY).map(value -> values.readable(WARM_START_HISTORY));
        Optional<String> mapping = values.optionalNonBlank(WARM_START_MAPPING);
        if (mapping.isPresent() && history.isEmpty()) {
            throw new InvalidConfigException(WARM_START_MAPPING.key() + ": given without warm-start.history");
        }
        return new WarmStartSettings(history, mapping);
    }
}
