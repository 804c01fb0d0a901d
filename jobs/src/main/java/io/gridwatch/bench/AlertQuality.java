package io.gridwatch.bench;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.WatchStarts;
import io.gridwatch.detect.hotspot.ClusterHotspotDetector;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import io.gridwatch.replay.BacktestReport;
import io.gridwatch.replay.History;
import io.gridwatch.replay.Replay;
import io.gridwatch.simulate.Background;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Intake;
import io.gridwatch.simulate.Scenario;
import io.gridwatch.simulate.Simulation;
import io.gridwatch.simulate.SimulationSpec;
import io.gridwatch.simulate.Simulator;
import io.gridwatch.simulate.Surge;
import io.gridwatch.simulate.SyntheticCity;
import io.gridwatch.topology.Detectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code quality} stage: whether staff can trust the warnings, measured on simulated cities held out from the
 * tests — deterministic by seed.
 *
 * <ul>
 *   <li><b>Quiet cities</b>: ordinary complaints only, with the daily and weekly rhythm and over-dispersed days, at
 *       each rate; every alert of a detector is a false alarm. Counted per 100 grid-weeks (cluster_hotspot per 100
 *       street-weeks) over the weeks after a fresh start's learning period ({@link SimulationSpec#SURGES_AFTER_DAYS}
 *       days, in which hotspots are held back as 学习期), as staff would receive them: one per alert id.
 *   <li><b>Graded surges</b>: a grid's rate raised 3×, 5× or 10× for 1 h, 6 h or 24 h, each in a grid of its own:
 *       the share detected (a grid_hotspot alert of the grid with some of the surge's complaints as evidence, or
 *       raised during it) and the median delay from the surge's start to the first such alert.
 *   <li><b>Scenario recall</b>: the simulator's injected scenario kinds at each rate ({@link BacktestReport}).
 * </ul>
 */
final class AlertQuality {

    /**
     * @param rates background complaints per grid and day
     * @param seeds the quiet cities' seeds; the surges and scenarios run with the first
     * @param weeks weeks measured after the learning period
     * @param surgesEach how many grids each graded surge is injected in
     */
    record Plan(CitySpec city, List<Double> rates, List<Long> seeds, int weeks, double overdispersion,
            List<Surge> surges, int surgesEach) {}

    /** 3×, 5× and 10× over 1 h, 6 h and 24 h. */
    static final List<Surge> GRADED = List.of(
            new Surge(3, Duration.ofHours(1)), new Surge(3, Duration.ofHours(6)), new Surge(3, Duration.ofHours(24)),
            new Surge(5, Duration.ofHours(1)), new Surge(5, Duration.ofHours(6)), new Surge(5, Duration.ofHours(24)),
            new Surge(10, Duration.ofHours(1)), new Surge(10, Duration.ofHours(6)), new Surge(10, Duration.ofHours(24)));

    private static final Instant END = Instant.parse("2026-11-30T16:00:00Z"); // midnight in Beijing

    private final Rules rules;
    private final Consumer<Measurement> record;

    AlertQuality(Rules rules, Consumer<Measurement> record) {
        this.rules = rules;
        this.record = record;
    }

    void run(Plan plan) throws Exception {
        GridRegistry registry = SyntheticCity.generate(plan.city(), 1);
        for (double rate : plan.rates()) {
            quiet(plan, registry, rate);
            surges(plan, registry, rate);
            scenarios(plan, registry, rate);
        }
    }

    private void quiet(Plan plan, GridRegistry registry, double rate) throws Exception {
        Map<String, Integer> falseAlarms = new TreeMap<>();
        Detectors.NAMES.forEach(d -> falseAlarms.put(d, 0));
        int days = SimulationSpec.SURGES_AFTER_DAYS + 7 * plan.weeks();
        for (long seed : plan.seeds()) {
            Simulation quiet = Simulator.simulate(registry, new SimulationSpec(seed, END, days, rate, 0,
                    Intake.REALISTIC, new Background(true, plan.overdispersion()), List.of()));
            Instant learnt = quiet.events().get(0).knownAt().plus(Duration.ofDays(SimulationSpec.SURGES_AFTER_DAYS));
            for (Alert alert : replay(quiet)) {
                if (!alert.createdAt().isBefore(learnt) && !WatchStarts.isLearning(alert)) {
                    falseAlarms.merge(alert.detector(), 1, Integer::sum);
                }
            }
        }
        double gridWeeks = (double) registry.size() * plan.weeks() * plan.seeds().size();
        double streetWeeks = (double) registry.grids().stream().map(Grid::street).distinct().count()
                * plan.weeks() * plan.seeds().size();
        falseAlarms.forEach((detector, count) -> {
            boolean street = detector.equals(ClusterHotspotDetector.NAME);
            record.accept(new Measurement("quality", "%s false @ %s/grid/day".formatted(detector, rate),
                    count * 100 / (street ? streetWeeks : gridWeeks),
                    street ? "per 100 street-weeks" : "per 100 grid-weeks",
                    "%d false; %d grids × %d weeks × seeds %s, over-dispersion %s".formatted(count, registry.size(),
                            plan.weeks(), plan.seeds(), plan.overdispersion())));
        });
    }

    private void surges(Plan plan, GridRegistry registry, double rate) throws Exception {
        List<Surge> surges = new ArrayList<>();
        for (Surge surge : plan.surges()) {
            for (int i = 0; i < plan.surgesEach(); i++) {
                surges.add(surge);
            }
        }
        long seed = plan.seeds().get(0);
        Simulation injected = Simulator.simulate(registry, new SimulationSpec(seed, END,
                SimulationSpec.SURGES_AFTER_DAYS + 14, rate, 0, Intake.REALISTIC,
                new Background(true, plan.overdispersion()), surges));
        List<Alert> hotspots = replay(injected).stream()
                .filter(a -> a.detector().equals(GridHotspotDetector.NAME)).toList();
        for (Surge surge : plan.surges()) {
            List<Scenario> mine = injected.scenarios().stream()
                    .filter(s -> s.id().startsWith("SURGE-" + surge.label() + "-")).toList();
            List<Long> delays = new ArrayList<>();
            for (Scenario scenario : mine) {
                firstReport(scenario, hotspots).ifPresent(alert -> delays.add(
                        Duration.between(scenario.from(), alert.createdAt()).toMinutes()));
            }
            double extra = mine.stream().mapToInt(s -> s.eventIds().size()).average().orElse(0);
            String method = "%d grids, seed %d, %.1f extra residents on average".formatted(mine.size(), seed, extra);
            String subject = "surge %s @ %s/grid/day".formatted(surge.label(), rate);
            record.accept(new Measurement("quality", subject, (double) delays.size() / mine.size(), "detected",
                    method));
            record.accept(new Measurement("quality", subject, median(delays), "min to first alert (median)",
                    delays.size() + " detected"));
        }
    }

    private void scenarios(Plan plan, GridRegistry registry, double rate) throws Exception {
        long seed = plan.seeds().get(0);
        Simulation simulation = Simulator.simulate(registry, new SimulationSpec(seed,
                END, 30, rate, 2, Intake.REALISTIC, new Background(true, plan.overdispersion()), List.of()));
        BacktestReport report = BacktestReport.of(replay(simulation), simulation.scenarios());
        report.rows().forEach((detector, row) -> {
            if (row.labels() > 0) {
                record.accept(new Measurement("quality", "%s recall @ %s/grid/day".formatted(detector, rate),
                        row.recall(), "recall", row.found() + " of " + row.labels() + " scenarios, seed " + seed));
            }
        });
    }

    /** The first grid_hotspot alert that reports {@code scenario}. */
    private static Optional<Alert> firstReport(Scenario scenario, List<Alert> hotspots) {
        return hotspots.stream()
                .filter(scenario::reportedBy)
                .filter(a -> !a.createdAt().isBefore(scenario.from()))
                .min(Comparator.comparing(Alert::createdAt));
    }

    private List<Alert> replay(Simulation simulation) throws Exception {
        List<GridEvent> events = new ArrayList<>(simulation.events());
        events.sort(Comparator.comparing(GridEvent::knownAt).thenComparing(GridEvent::eventId));
        return Replay.run(new History(events, simulation.registry(), false, List.of()), rules, null, read -> {});
    }

    private static double median(List<Long> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
