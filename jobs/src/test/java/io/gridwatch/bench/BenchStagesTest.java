package io.gridwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Surge;
import io.gridwatch.simulate.SyntheticCity;
import io.gridwatch.topology.Detectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory benchmark stages at a tiny size: they run the real topology and measure what they claim. */
@Tag("minicluster")
class BenchStagesTest {

    private static final GridRegistry CITY = SyntheticCity.generate(new CitySpec(1, 2, 2, 5), 1);

    @Test
    void measuresADetectorAndTheWholeDetectorJob() throws Exception {
        DetectorThroughput bench = new DetectorThroughput(CITY, RulesLoader.defaults());

        for (List<String> detectors : List.of(List.of("grid_hotspot"), Detectors.NAMES)) {
            DetectorThroughput.Result result = bench.run(detectors, 20_000, Duration.ofDays(30));

            assertThat(result.eventsPerSecond()).as("%s", detectors).isPositive().isFinite();
            assertThat(result.eventsPerCpuSecond()).as("%s", detectors).isPositive().isFinite();
        }
    }

    @Test
    void profilesTheWholeDetectorJobIntoAFlameGraphAndItsHottestMethods(@TempDir Path dir) throws Exception {
        DetectorThroughput bench = new DetectorThroughput(CITY, RulesLoader.defaults());

        Profile profile = Profile.start(dir, "all");
        bench.run(Detectors.NAMES, 50_000, Duration.ofDays(30));
        Path top = profile.stop();

        assertThat(Files.readString(dir.resolve("all.html"))).contains("<html").contains("io/gridwatch/");
        assertThat(Files.readString(top)).contains("samples").contains("percent");
        assertThat(ProfileSummary.shares(Files.readString(dir.resolve("all.collapsed"))).get("grid_hotspot"))
                .as("a detector's share of the samples").isPositive().isLessThan(1);
    }

    @Test
    void measuresFalseAlarmsSurgesAndRecallOnSimulatedCities() throws Exception {
        List<Measurement> measured = new ArrayList<>();
        new AlertQuality(RulesLoader.defaults(), measured::add).run(new AlertQuality.Plan(new CitySpec(1, 2, 2, 5), List.of(1.5),
                List.of(1L), 1, 0.1, List.of(new Surge(30, Duration.ofHours(24))), 2));

        assertThat(measured).filteredOn(m -> m.subject().equals("grid_hotspot false @ 1.5/grid/day")).singleElement()
                .satisfies(m -> {
                    assertThat(m.unit()).isEqualTo("per 100 grid-weeks");
                    assertThat(m.value()).isGreaterThanOrEqualTo(0).isLessThan(100);
                });
        assertThat(measured).filteredOn(m -> m.subject().equals("cluster_hotspot false @ 1.5/grid/day"))
                .extracting(Measurement::unit).containsExactly("per 100 street-weeks");
        // Thirty times a grid's rate for a day, at 1.5 a day: some 40 extra residents, a hotspot each time.
        assertThat(measured).filteredOn(m -> m.subject().equals("surge 30x-24h @ 1.5/grid/day"))
                .extracting(Measurement::value).first().isEqualTo(1.0);
        assertThat(measured).filteredOn(m -> m.unit().equals("recall"))
                .extracting(Measurement::subject)
                .contains("grid_hotspot recall @ 1.5/grid/day", "overdue_response recall @ 1.5/grid/day");
        assertThat(measured).filteredOn(m -> m.subject().equals("grid_hotspot recall @ 1.5/grid/day"))
                .extracting(Measurement::value).containsExactly(1.0);
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
