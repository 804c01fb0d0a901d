package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.DAY_3;
import static io.gridwatch.common.testing.TestEvents.DAY_9;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.testing.ExpectedAlerts;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("harness")
class ApplySilencesTest {

    /** Raised at DAY_2, in 东湖街道, by repeated_dispute. */
    private final Alert alert = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.RED, 4, DAY_1, DAY_2, List.of("C-1", "C-2", "C-3"));

    @Test
    void marksAnAlertOfASilencedStreetAndPassesOthersUnmarked() throws Exception {
        Silence street = new Silence("S-1", null, null, "东湖街道", DAY_1, DAY_3, "国庆游园活动", "值班长");
        Silence otherGrid = new Silence("S-2", "G-XF-01-02", null, null, DAY_1, DAY_3, "管道抢修", "值班长");
        Silence otherDetector = new Silence("S-3", null, "patrol_gap", null, DAY_1, DAY_3, "网格员集中培训", "值班长");
        try (var harness = harness()) {
            harness.processBroadcastElement(otherGrid, 0);
            harness.processBroadcastElement(otherDetector, 0);
            harness.processElement(alert, 0);
            harness.processBroadcastElement(street, 0);
            harness.processElement(alert, 0);

            assertThat(harness.extractOutputValues()).extracting(Alert::silence).containsExactly(null, street);
        }
    }

    @Test
    void staysQuietOutsideThePeriodAndAfterASilenceIsReplacedByItsLiftedVersion() throws Exception {
        Silence later = new Silence("S-1", null, "repeated_dispute", null, DAY_3, DAY_9, "春节", "值班长");
        Silence lifted = new Silence("S-2", "G-XF-01-01", null, null, DAY_1, DAY_2.minusSeconds(1), "已解除", "值班长");
        try (var harness = harness()) {
            harness.processBroadcastElement(later, 0);
            harness.processBroadcastElement(new Silence("S-2", "G-XF-01-01", null, null, DAY_1, DAY_3, "抢修", "值班长"), 0);
            harness.processBroadcastElement(lifted, 0);
            harness.processElement(alert, 0);

            assertThat(harness.extractOutputValues()).extracting(Alert::silence).containsOnlyNulls();
        }
    }

    @Test
    void forgetsSilencesLongEndedWhenANewOneArrives() throws Exception {
        Silence old = new Silence("S-1", "G-XF-01-01", null, null, DAY_1, DAY_2, "旧", "值班长");
        Silence muchLater = new Silence("S-2", "G-XF-01-02", null, null,
                DAY_2.plus(ApplySilences.KEEP_ENDED).plus(Duration.ofDays(1)), DAY_9.plus(Duration.ofDays(60)), "新", "值班长");
        try (var harness = harness()) {
            harness.processBroadcastElement(old, 0);
            harness.processBroadcastElement(muchLater, 0);

            assertThat(harness.getBroadcastState(ApplySilences.SILENCES).immutableEntries())
                    .extracting(java.util.Map.Entry::getKey).containsExactly("S-2");
        }
    }

    private static BroadcastOperatorTestHarness<Alert, Silence, Alert> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(new ApplySilences(), ApplySilences.SILENCES);
    }
}
