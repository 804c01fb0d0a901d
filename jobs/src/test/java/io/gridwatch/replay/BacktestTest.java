package io.gridwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.common.testing.TestEvents;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Scenario;
import io.gridwatch.simulate.Simulation;
import io.gridwatch.simulate.SimulationFiles;
import io.gridwatch.simulate.SimulationSpec;
import io.gridwatch.simulate.Simulator;
import io.gridwatch.simulate.SyntheticCity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A small seeded city simulated, written, read back and replayed: every injected scenario is found. */
@Tag("minicluster")
class BacktestTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void reportsOverdueOnlyTheRequestsAnExportShowsClosedLate() throws Exception {
        // Severity 2 by the Open311 mapping: 24 hours to answer.
        Path csv = Files.writeString(dir.resolve("requests.csv"), HistoryReadersTest.OPEN311_WITH_UPDATES
                + "301,closed,N1,Noise,,2026-03-02T21:30:00Z,2026-03-03T08:00:00Z,a,30.2085,120.2101\n"
                + "302,closed,N1,Noise,,2026-03-02T21:30:00Z,2026-03-05T08:00:00Z,b,30.2085,120.2101\n"
                + "303,open,N1,Noise,,2026-03-02T21:30:00Z,2026-03-03T08:00:00Z,c,30.2085,120.2101\n"
                + "304,closed,N1,Noise,,2026-03-09T21:30:00Z,2026-03-09T22:00:00Z,d,30.2085,120.2101\n");
        History history = CsvHistoryReader.read(csv, CsvMapping.load(CsvMapping.OPEN311),
                io.gridwatch.common.grid.GridRegistry.sample(), 500);

        List<Alert> alerts = Replay.run(history, RulesLoader.defaults(), null, read -> {});

        assertThat(alerts).filteredOn(a -> a.detector().equals("overdue_response")).extracting(Alert::key)
                .as("closed after 2 days, and still open").containsExactlyInAnyOrder("302", "303");
    }

    @Test
    void alertsForEveryRegistryGridThatNoPatrolEverVisits() throws Exception {
        GridRegistry registry = GridRegistry.sample();
        Instant start = Instant.parse("2026-03-02T01:00:00Z");
        History history = new History(List.of(
                TestEvents.complaint("C-1").at(start).build(),
                TestEvents.complaint("C-2").at(start.plus(Duration.ofDays(15))).build()), registry, false, List.of());

        List<Alert> alerts = Replay.run(history, RulesLoader.defaults(), null, read -> {});

        assertThat(alerts).filteredOn(a -> a.detector().equals("patrol_gap")).extracting(Alert::gridId)
                .as("no grid was ever patrolled: each is flagged from the history's start")
                .containsAll(registry.grids().stream().map(g -> g.gridId()).toList());
        assertThat(alerts).filteredOn(a -> a.detector().equals("patrol_gap"))
                .allSatisfy(a -> assertThat(a.message()).contains("开始监测以来"));
    }

    @Test
    void alertsOnEveryInjectedScenarioWithRecallOne() throws Exception {
        Simulation simulation = Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, 7),
                new SimulationSpec(7, Instant.parse("2026-04-01T00:00:00Z"), 30, 1.5, 2));
        SimulationFiles.write(simulation, dir);
        History history = JsonlHistoryReader.read(dir.resolve(SimulationFiles.EVENTS),
                io.gridwatch.common.grid.GridRegistry.load(dir.resolve(SimulationFiles.GRIDS)));
        List<Scenario> labels = SimulationFiles.readLabels(dir.resolve(SimulationFiles.LABELS));
        AtomicLong read = new AtomicLong();

        List<Alert> alerts = Replay.run(history, RulesLoader.defaults(), null, read::set);
        BacktestReport report = BacktestReport.of(alerts, labels);

        assertThat(history.errors()).isEmpty();
        assertThat(read).hasValue(simulation.events().size());
        assertThat(labels).extracting(Scenario::detector).containsOnly("repeated_dispute", "escalating_dispute",
                "grid_hotspot", "cluster_hotspot", "overdue_response", "patrol_gap");
        assertThat(report.labelled()).isTrue();
        assertThat(report.rows()).allSatisfy((detector, row) -> {
            if (row.labels() > 0) {
                assertThat(row.recall()).as(detector).isEqualTo(1.0);
            }
        });
        // Background alone must not look like an emergency: most alerts report an injected scenario.
        int alertCount = report.rows().values().stream().mapToInt(BacktestReport.Row::alerts).sum();
        int matched = report.rows().values().stream().mapToInt(BacktestReport.Row::matchedAlerts).sum();
        assertThat((double) matched / alertCount).isGreaterThan(0.8);
    }
}
