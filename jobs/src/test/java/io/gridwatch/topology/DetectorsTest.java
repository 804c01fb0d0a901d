package io.gridwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.rules.Rules;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The detector specs: what the rules topic, the suppressor and the benchmarks learn from them. */
@Tag("unit")
class DetectorsTest {

    @Test
    void namesEverySectionOfTheRulesOnce() {
        assertThat(Detectors.NAMES).containsExactly(Rules.REPEATED_DISPUTE, Rules.OVERDUE_RESPONSE,
                Rules.ESCALATING_DISPUTE, Rules.PATROL_GAP, Rules.NEW_CATEGORY, Rules.GRID_HOTSPOT,
                Rules.CLUSTER_HOTSPOT);
    }

    @Test
    void theCepDetectorsAreTheOnesWhoseRulesTakeARestart() {
        assertThat(Detectors.fixedAtStart()).containsExactlyInAnyOrder(Rules.REPEATED_DISPUTE, Rules.ESCALATING_DISPUTE);
    }

    @Test
    void theDetectorsThatRecoverAreTheOnesTheSuppressorWaitsFor() {
        assertThat(Detectors.recovering()).containsExactlyInAnyOrder(Rules.GRID_HOTSPOT, Rules.PATROL_GAP);
    }

    @Test
    void refusesAnUnknownDetectorNamingTheKnownOnes() {
        assertThatThrownBy(() -> Detectors.named(List.of("grid_hotspot", "crowd_detector")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crowd_detector")
                .hasMessageContaining("cluster_hotspot");
    }
}
