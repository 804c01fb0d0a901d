package io.gridwatch.ingest;

import io.gridwatch.common.codec.Rejection;
import java.io.Serializable;
import org.apache.flink.util.OutputTag;

/** A record that did not become an event: the original record and why it was rejected. */
public record DeadLetter(RawRecord record, Rejection rejection) implements Serializable {

    /** Records that are not valid events, on their way to the dead-letter topic. */
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};
}
