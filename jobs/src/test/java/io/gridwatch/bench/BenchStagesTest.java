package io.gridwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.SyntheticCity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory benchmark stages at a tiny size: they run the real topology and measure what they claim. */
class BenchStagesTest {

    private static final GridRegistry CITY = SyntheticCity.generate(new CitySpec(1, 2, 2, 5), 1);

    @Test
    void measuresADetectorAndTheWholeDetectorJob() throws Exception {
        DetectorThroughput bench = new DetectorThroughput(CITY, RulesLoader.defaults());

        for (List<String> detectors : List.of(List.of("grid_hotspot"), EarlyWarningJob.DETECTORS)) {
            DetectorThroughput.Result result = bench.run(detectors, 20_000, Duration.ofDays(30));

            assertThat(result.eventsPerSecond()).as("%s", detectors).isPositive().isFinite();
            assertThat(result.eventsPerCpuSecond()).as("%s", detectors).isPositive().isFinite();
        }
    }

    @Test
    void measuresMoreStatePerGridAfterALongerHistory(@TempDir Path savepoints) throws Exception {
        StateScale bench = new StateScale(RulesLoader.defaults());

        StateScale.Result week = bench.run(CITY, 7, savepoints);
        StateScale.Result month = bench.run(CITY, 30, savepoints);

        assertThat(week.events()).isEqualTo(CITY.size() * 7L * StateScale.EVENTS_PER_GRID_DAY);
        assertThat(week.stateBytesPerGrid()).isPositive();
        assertThat(month.stateBytesPerGrid()).isGreaterThan(week.stateBytesPerGrid());
    }
}
