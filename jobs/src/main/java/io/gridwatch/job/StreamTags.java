package io.gridwatch.job;

import io.gridwatch.ingest.DeadLetter;
import org.apache.flink.util.OutputTag;

/** Side outputs of the GridWatch jobs, shared by the operators that emit them, the job wiring and the tests. */
public final class StreamTags {

    private StreamTags() {}

    /** Records that are not valid events, on their way to the dead-letter topic. */
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};
}
