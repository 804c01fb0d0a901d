package io.gridwatch.sink.kafka;

import io.gridwatch.common.privacy.Masking;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers every record on the dead-letter topic carries, whatever failed: a reason code, the reason for people
 * (numbers in it masked), and where the record came from.
 */
public final class DeadLetterHeaders {

    /** The reason code, e.g. {@code missing_field}. */
    public static final String REASON = "gridwatch.reason";
    /** The reason for people, e.g. {@code 'gridId' is required}. */
    public static final String DETAIL = "gridwatch.detail";
    /** Where the record came from, e.g. {@code topic-partition@offset}. */
    public static final String ORIGIN = "gridwatch.origin";

    private DeadLetterHeaders() {}

    public static List<Header> of(String reason, String detail, String origin) {
        // The detail may quote what was refused: in clear on the topic, so masked like everything that leaves the job.
        return List.of(header(REASON, reason), header(DETAIL, Masking.text(detail)), header(ORIGIN, origin));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
