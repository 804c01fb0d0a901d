package io.gridwatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
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
    void ratesMostResolutionsAsAReturnVisitWouldAndNothingElse() {
        List<Patrol> patrols = simulate(42).events().stream()
                .filter(Patrol.class::isInstance).map(Patrol.class::cast).toList();
        List<Patrol> resolutions = patrols.stream().filter(p -> p.kind() == PatrolKind.RESOLUTION).toList();
        Map<Satisfaction, Long> ratings = resolutions.stream().filter(p -> p.satisfaction() != null)
                .collect(Collectors.groupingBy(Patrol::satisfaction, Collectors.counting()));

        assertThat(patrols).filteredOn(p -> p.kind() != PatrolKind.RESOLUTION).allMatch(p -> p.satisfaction() == null);
        assertThat(ratings.values().stream().mapToLong(Long::longValue).sum())
                .isBetween(resolutions.size() * 85L / 100, resolutions.size() * 97L / 100);
        assertThat(ratings.get(Satisfaction.SATISFIED)).isGreaterThan(ratings.get(Satisfaction.BASICALLY_SATISFIED));
        assertThat(ratings.get(Satisfaction.BASICALLY_SATISFIED)).isGreaterThan(ratings.get(Satisfaction.DISSATISFIED));
        assertThat(ratings.get(Satisfaction.DISSATISFIED)).isPositive();
    }

    @Test
    void variesDaysMoreThanPoissonWhenOverdispersed() {
        double poisson = dailyVarianceOverMean(0), overdispersed = dailyVarianceOverMean(0.3);

        // Poisson: variance = mean. Gamma factors of variance 0.3 at 10 a day: variance ≈ mean + 0.3 × mean² = 4 × mean.
        assertThat(poisson).isBetween(0.8, 1.25);
        assertThat(overdispersed).isBetween(2.5, 6.0);
    }

    @Test
    void spreadsComplaintsEvenlyWithoutTheRhythm() {
        Simulation flat = Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, 1),
                new SimulationSpec(1, END, 30, 1.5, 0, Intake.PROMPT, new Background(false, 0), List.of()));

        long night = complaintsBetweenLocalHours(flat, 0, 6), morning = complaintsBetweenLocalHours(flat, 8, 14);
        assertThat((double) morning / night).isBetween(0.8, 1.25);
    }

    @Test
    void injectsEachSurgeInAGridOfItsOwnAfterTheFirstTwoWeeks() {
        List<Surge> surges = List.of(new Surge(10, Duration.ofHours(6)), new Surge(10, Duration.ofHours(6)),
                new Surge(3, Duration.ofHours(24)));
        Simulation surged = Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, 1),
                new SimulationSpec(1, END, 30, 10, 0, Intake.PROMPT, Background.RHYTHMIC, surges));

        assertThat(surged.scenarios()).extracting(Scenario::id)
                .containsExactly("SURGE-10x-6h-01", "SURGE-10x-6h-02", "SURGE-3x-24h-03");
        assertThat(surged.scenarios()).flatExtracting(Scenario::gridIds).doesNotHaveDuplicates();
        assertThat(surged.scenarios()).allSatisfy(s -> {
            assertThat(s.from()).isAfterOrEqualTo(END.minus(Duration.ofDays(16)));
            assertThat(s.eventIds()).as("extra residents of %s", s.id()).isNotEmpty();
        });
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

    /** Variance over mean of a grid's daily complaints, over a city of 12 grids at 10 a day for 60 days, no rhythm. */
    private static double dailyVarianceOverMean(double overdispersion) {
        Simulation simulation = Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, 1), new SimulationSpec(1,
                END, 60, 10, 0, Intake.PROMPT, new Background(false, overdispersion), List.of()));
        Map<String, Long> perGridDay = simulation.events().stream().filter(e -> e instanceof Complaint)
                .collect(Collectors.groupingBy(e -> e.gridId() + "/"
                        + e.occurredAt().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate(),
                        Collectors.counting()));
        double[] counts = perGridDay.values().stream().mapToDouble(Long::doubleValue).toArray();
        double mean = Arrays.stream(counts).average().orElseThrow();
        double variance = Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / (counts.length - 1);
        return variance / mean;
    }

    private static Simulation simulate(long seed) {
        return Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, seed), new SimulationSpec(seed, END, 30, 1.5, 2));
    }

    private static List<String> encoded(Simulation simulation) {
        return simulation.events().stream().map(e -> new String(EventCodec.encode(e), StandardCharsets.UTF_8)).toList();
    }
}
