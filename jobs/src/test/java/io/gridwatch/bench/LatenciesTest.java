package io.gridwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LatenciesTest {

    @Test
    void takesPercentilesOfAnyOrderInMilliseconds() {
        List<Long> nanos = new ArrayList<>();
        for (long ms = 1; ms <= 200; ms++) {
            nanos.add(ms * 1_000_000);
        }
        Collections.shuffle(nanos);

        Latencies latencies = Latencies.of(nanos);

        assertThat(latencies.count()).isEqualTo(200);
        assertThat(latencies.p50Millis()).isEqualTo(100.0);
        assertThat(latencies.p99Millis()).isEqualTo(198.0);
    }

    @Test
    void reportsNothingWithoutLatencies() {
        assertThat(Latencies.of(List.of()).p99Millis()).isNaN();
    }
}
