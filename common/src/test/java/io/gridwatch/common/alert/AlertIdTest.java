package io.gridwatch.common.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AlertIdTest {

    @Test
    void sameEvidenceGivesTheSameId() {
        assertThat(AlertId.of("repeated_dispute", "G1", "k", List.of("C-1", "C-2", "C-3")))
                .isEqualTo(AlertId.of("repeated_dispute", "G1", "k", List.of("C-1", "C-2", "C-3")))
                .matches("repeated_dispute-[0-9a-f]{20}");
    }

    @Test
    void anyDifferenceGivesAnotherId() {
        String id = AlertId.of("repeated_dispute", "G1", "k", List.of("C-1", "C-2"));

        assertThat(List.of(
                        AlertId.of("grid_hotspot", "G1", "k", List.of("C-1", "C-2")),
                        AlertId.of("repeated_dispute", "G2", "k", List.of("C-1", "C-2")),
                        AlertId.of("repeated_dispute", "G1", null, List.of("C-1", "C-2")),
                        AlertId.of("repeated_dispute", "G1", "k", List.of("C-1", "C-3")),
                        AlertId.of("repeated_dispute", "G1", "k", List.of("C-1C-2"))))
                .doesNotContain(id)
                .doesNotHaveDuplicates();
    }
}
