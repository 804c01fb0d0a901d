package io.gridwatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final Instant END = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void producesTheSameStreamForTheSameSeedAndAnotherForAnother() {
        Simulation first = simulate(42), again = simulate(42), other = simulate(43);

        assertThat(encoded(again)).isEqualTo(encoded(first));
        assertThat(again.scenarios()).isEqualTo(first.scenarios());
        assertThat(encoded(other)).isNotEqualTo(encoded(first));
    }

    @Test
    void laysOutTheCityAsARegistryThatReadsBack() throws Exception {
        GridRegistry city = SyntheticCity.generate(new CitySpec(2, 2, 3, 4), 1);
        StringWriter csv = new StringWriter();
        city.writeCsv(csv);

        GridRegistry read = GridRegistry.load(new java.io.ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "csv");
        assertThat(read.grids()).containsExactlyElementsOf(city.grids());
        assertThat(city.size()).isEqualTo(48);
        assertThat(city.grids()).extracting(Grid::street).containsOnly("东湖街道", "西溪镇", "南苑街道", "北山镇");
        assertThat(city.grids()).filteredOn(g -> g.street().endsWith("镇")).extracting(Grid::type).containsOnly("village");
        // Neighbours are mutual.
        assertThat(city.grids()).allSatisfy(g -> assertThat(g.neighbors()).allSatisfy(
                n -> assertThat(city.find(n).orElseThrow().neighbors()).contains(g.gridId())));
    }

    @Test
    void spreadsComplaintsOverTheDayAndKeepsTheStreamInEventTimeOrder() {
        Simulation simulation = simulate(42);

        assertThat(simulation.events()).isSortedAccordingTo(Comparator.comparing(GridEvent::occurredAt));
        assertThat(simulation.events()).allSatisfy(e -> assertThat(e.occurredAt()).isBefore(END));
        long night = complaintsBetweenLocalHours(simulation, 0, 6), morning = complaintsBetweenLocalHours(simulation, 8, 12);
        assertThat(morning).isGreaterThan(3 * night);
        assertThat(simulation.scenarios()).extracting(Scenario::detector).contains("repeated_dispute",
                "escalating_dispute", "grid_hotspot", "cluster_hotspot", "overdue_response", "patrol_gap");
    }

    @Test
    void refusesAHistoryTooShortForItsScenarios() {
        assertThatThrownBy(() -> new SimulationSpec(1, END, 7, 1.5, 1)).hasMessage("days must be at least 14, was 7");
    }

    private static long complaintsBetweenLocalHours(Simulation simulation, int from, int to) {
        return simulation.events().stream().filter(e -> e instanceof Complaint)
                .map(e -> e.occurredAt().atZone(java.time.ZoneId.of("Asia/Shanghai")).getHour())
                .filter(h -> h >= from && h < to).count();
    }

    private static Simulation simulate(long seed) {
        return Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, seed), new SimulationSpec(seed, END, 30, 1.5, 2));
    }

    private static List<String> encoded(Simulation simulation) {
        return simulation.events().stream().map(e -> new String(EventCodec.encode(e), StandardCharsets.UTF_8)).toList();
    }
}
