package io.gridwatch.ingest;

import java.io.Serializable;

/**
 * One Kafka record as it arrived, before parsing: kept whole so a rejected record reaches the dead-letter topic
 * byte for byte.
 *
 * @param key the record key; {@code null} when the producer set none
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) implements Serializable {

    /**
     * Where the record came from, e.g. {@code gridwatch.complaints-1@42}; for a record rebuilt inside the job
     * (offset {@code -1}), just {@code topic}, which then names the place.
     */
    public String origin() {
        return offset < 0 ? topic : topic + "-" + partition + "@" + offset;
    }
}
