package io.gridwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Shares of a profile's samples by operator and by kind of work, from collapsed stacks. */
@Tag("unit")
class ProfileSummaryTest {

    private static final String STACKS = String.join("\n",
            "Thread.run;org/apache/flink/cep/operator/CepOperator.onEventTime;org/apache/flink/cep/nfa/NFA.advanceTime"
                    + ";org/apache/flink/runtime/state/heap/CopyOnWriteStateMap.get 30",
            "Thread.run;io/gridwatch/detect/hotspot/GridHotspotDetector.processElement;java/lang/StringLatin1.hashCode 50",
            "GangWorker::loop();G1ParTask::work(unsigned int) 20",
            "");

    @Test
    void countsAStackUnderEveryLabelItPassesThrough() {
        var shares = ProfileSummary.shares(STACKS);

        assertThat(shares.get("CEP operators (repeated_dispute, escalating_dispute)")).isCloseTo(0.30, within(1e-9));
        assertThat(shares.get("CEP: NFA")).isCloseTo(0.30, within(1e-9));
        assertThat(shares.get("keyed state (heap)")).isCloseTo(0.30, within(1e-9));
        assertThat(shares.get("grid_hotspot")).isCloseTo(0.50, within(1e-9));
        assertThat(shares.get("String hashing")).isCloseTo(0.50, within(1e-9));
        assertThat(shares.get("garbage collection")).isCloseTo(0.20, within(1e-9));
        assertThat(shares.get("patrol_gap")).isZero();
    }
}
