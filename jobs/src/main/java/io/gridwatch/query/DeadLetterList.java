package io.gridwatch.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;

/**
 * The records of the dead-letter topic with their headers (reason, detail, origin, seal), oldest first per partition:
 * what {@code gridwatch deadletters} lists, opens and re-sends.
 */
public final class DeadLetterList {

    /** One dead letter: when it was written, its key and (sealed) value, its headers by name. */
    public record Letter(Instant at, byte[] key, byte[] value, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private DeadLetterList() {}

    public static List<Letter> read(Properties client, String topic) {
        List<Letter> letters = new ArrayList<>();
        TopicReader.readAll(client, topic, record -> {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            letters.add(new Letter(Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), headers));
        });
        return letters;
    }
}
