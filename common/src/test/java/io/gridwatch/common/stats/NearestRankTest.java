package io.gridwatch.common.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NearestRankTest {

    @Test
    void takesTheSmallestValueWithAtLeastThatShareAtOrBelowIt() {
        assertThat(NearestRank.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), 90))
                .isEqualTo(9.0);
        assertThat(NearestRank.percentile(List.of(1.0, 2.0, 3.0), 50)).isEqualTo(2.0);
        assertThat(NearestRank.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).as("a value, not a mean of two")
                .isEqualTo(2.0);
        assertThat(NearestRank.percentile(List.of(7.0), 0)).isEqualTo(7.0);
        assertThat(NearestRank.percentile(List.of(), 50)).isNull();
    }
}
