package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.TOPIC_ALERTS;
import static io.gridwatch.config.GridWatchOptions.TOPIC_COMPLAINTS;
import static io.gridwatch.config.GridWatchOptions.TOPIC_DEADLETTER;
import static io.gridwatch.config.GridWatchOptions.TOPIC_LIFECYCLE;
import static io.gridwatch.config.GridWatchOptions.TOPIC_PATROLS;
import static io.gridwatch.config.GridWatchOptions.TOPIC_RULES;
import static io.gridwatch.config.GridWatchOptions.TOPIC_SILENCES;

import java.util.List;

/** The Kafka topics the job reads and writes, by their part. */
public record TopicNames(String complaints, String patrols, String alerts, String deadLetter, String rules,
        String silences, String lifecycle) {

    static TopicNames read(ConfigValues values) {
        return new TopicNames(values.nonBlank(TOPIC_COMPLAINTS), values.nonBlank(TOPIC_PATROLS),
                values.nonBlank(TOPIC_ALERTS), values.nonBlank(TOPIC_DEADLETTER), values.nonBlank(TOPIC_RULES),
                values.nonBlank(TOPIC_SILENCES), values.nonBlank(TOPIC_LIFECYCLE));
    }

    /** Every topic, to create before the job starts. */
    public List<String> all() {
        return List.of(complaints, patrols, alerts, deadLetter, rules, silences, lifecycle);
    }
}
