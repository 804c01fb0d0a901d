package io.gridwatch.ingest;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import io.gridwatch.common.event.Complaint;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("harness")
class RouteEventsTest {

    @Test
    void stampsEventsBehindTheWatermarkJustAfterItAndSetsAsideDeadLetters() throws Exception {
        try (OneInputStreamOperatorTestHarness<Ingested, Arrival> harness =
                new OneInputStreamOperatorTestHarness<>(new RouteEvents())) {
            harness.open();
            Complaint onTime = complaint("C-2").at(DAY_2).build();
            Complaint late = complaint("C-1").at(DAY_1).build();
            DeadLetter letter = new DeadLetter(
                    new RawRecord("t", 0, 1, null, new byte[] {1}), new Rejection(RejectReason.MALFORMED_JSON, "x"));
            harness.processWatermark(DAY_1.toEpochMilli() + 60_000);

            harness.processElement(Ingested.valid(onTime), DAY_2.toEpochMilli());
            harness.processElement(Ingested.valid(late), DAY_1.toEpochMilli());
            harness.processElement(Ingested.rejected(letter), Long.MIN_VALUE);

            assertThat(harness.extractOutputStreamRecords())
                    .extracting(StreamRecord::getValue, StreamRecord::getTimestamp)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(new Arrival(onTime, false), DAY_2.toEpochMilli()),
                            org.assertj.core.groups.Tuple.tuple(new Arrival(late, true), DAY_1.toEpochMilli() + 60_001));
            // Records hold byte arrays, compared by content.
            assertThat(harness.getSideOutput(DeadLetter.REJECTED)).extracting(StreamRecord::getValue)
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactly(letter);
        }
    }
}
