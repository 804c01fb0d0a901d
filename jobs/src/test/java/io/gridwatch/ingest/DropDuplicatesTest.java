package io.gridwatch.ingest;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("harness")
class DropDuplicatesTest {

    private static final Duration WINDOW = Duration.ofDays(7);

    @Test
    void takesEachEventIdOnceInItsGridWhetherOnTimeOrLate() throws Exception {
        Complaint first = complaint("C-1").at(DAY_2).build();
        Complaint late = complaint("C-0").at(DAY_1).build();
        try (var harness = harness()) {
            harness.processElement(new Arrival(first, false), DAY_2.toEpochMilli());
            harness.processElement(new Arrival(first, false), DAY_2.toEpochMilli());
            harness.processElement(new Arrival(late, true), DAY_2.toEpochMilli() + 1);
            harness.processElement(new Arrival(late, true), DAY_2.toEpochMilli() + 1);

            assertThat(harness.extractOutputValues()).containsExactly(new Arrival(first, false), new Arrival(late, true));
            assertThat(harness.getSideOutput(DeadLetter.REJECTED)).extracting(StreamRecord::getValue)
                    .allSatisfy(letter -> {
                        assertThat(letter.rejection().reason()).isEqualTo(RejectReason.DUPLICATE);
                        assertThat(letter.record().origin()).isEqualTo("grid G-XF-01-01");
                    })
                    .extracting(letter -> letter.rejection().detail())
                    .containsExactly("event C-1 was already taken", "event C-0 was already taken");
        }
    }

    @Test
    void deadLettersADuplicateWithItsPersonalDataMasked() throws Exception {
        Complaint complaint = complaint("C-1").at(DAY_1).complainant("王小明", "13912345678")
                .text("请回电13912345678").build();
        try (var harness = harness()) {
            harness.processElement(new Arrival(complaint, false), DAY_1.toEpochMilli());
            harness.processElement(new Arrival(complaint, false), DAY_1.toEpochMilli());

            assertThat(harness.getSideOutput(DeadLetter.REJECTED)).singleElement()
                    .extracting(letter -> new String(letter.getValue().record().value(), StandardCharsets.UTF_8))
                    .asString()
                    .contains("139****5678", "王*").doesNotContain("13912345678").doesNotContain("王小明");
        }
    }

    @Test
    void forgetsAnIdOnceTheWindowHasPassedInProcessingTime() throws Exception {
        Complaint resent = complaint("C-1").at(DAY_2).build();
        try (var harness = harness()) {
            harness.setStateTtlProcessingTime(0);
            harness.processElement(new Arrival(resent, false), DAY_2.toEpochMilli());
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.setStateTtlProcessingTime(WINDOW.toMillis() + 1);
            harness.processElement(new Arrival(resent, false), DAY_2.toEpochMilli());

            assertThat(harness.extractOutputValues()).as("taken again after the window").hasSize(2);
        }
    }

    @Test
    void sweepsOutTheIdsOfAGridGoneQuietAndItsTimers() throws Exception {
        try (var harness = harness()) {
            clock(harness, 0);
            harness.processElement(new Arrival(complaint("C-A").grid(GRID_A).at(DAY_1).build(), false), 0);
            harness.processElement(new Arrival(complaint("C-B").grid(GRID_B).at(DAY_1).build(), false), 0);

            long later = WINDOW.plusDays(1).toMillis();
            clock(harness, later);
            harness.processElement(new Arrival(complaint("C-B2").grid(GRID_B).at(DAY_2).build(), false), 0);

            assertThat(harness.numKeyedStateEntries()).as("only grid B's latest id is kept").isEqualTo(1);
            assertThat(harness.numProcessingTimeTimers()).as("grid B's next sweep").isEqualTo(1);
            clock(harness, 2 * later);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    /** Processing time, for the state's time-to-live and for timers alike. */
    private static void clock(KeyedOneInputStreamOperatorTestHarness<String, Arrival, Arrival> harness, long time)
            throws Exception {
        harness.setStateTtlProcessingTime(time);
        harness.setProcessingTime(time);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Arrival, Arrival> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DropDuplicates(WINDOW), arrival -> arrival.event().gridId(), Types.STRING);
    }
}
