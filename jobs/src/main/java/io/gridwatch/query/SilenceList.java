package io.gridwatch.query;

import io.gridwatch.common.alert.Silence;
import io.gridwatch.ingest.RecordJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The silences on the silences topic as the job sees them: every record read from the beginning, the latest per id
 * winning; records that are not valid silences are skipped, as the job skips them.
 */
public final class SilenceList {

    private SilenceList() {}

    /** Every silence on the topic, by id, read with {@code client}'s properties (bootstrap servers, security). */
    public static Map<String, Silence> read(Properties client, String topic) {
        Map<String, Silence> silences = new LinkedHashMap<>();
        TopicReader.readAll(client, topic, record -> {
            try {
                Silence silence = RecordJson.decode(record.value(), Silence.class);
                silences.put(silence.id(), silence);
            } catch (IllegalArgumentException invalid) {
                // the job dead-letters it; it silences nothing
            }
        });
        return silences;
    }
}
