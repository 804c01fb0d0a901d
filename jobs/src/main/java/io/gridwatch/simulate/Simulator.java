package io.gridwatch.simulate;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.time.CityTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Simulates a city's complaints and patrols, deterministically by seed: the same registry and spec always give the
 * same events with the same ids ({@code SIM<seed>-C-…}, {@code SIM<seed>-P-…}, so cities of different seeds never
 * share an id) and times.
 *
 * <p>Background: complaints arrive per grid as a Poisson process whose rate follows the day (quiet at night, busy in
 * the morning and afternoon) and the week (quieter at weekends), unless the {@link Background} is flat, and varies
 * from day to day by a gamma factor when it is over-dispersed; they are routine public-service matters (noise,
 * sanitation, illegal construction, other), each about its own subject, followed up well within their SLA and often
 * resolved a day or two later. Each grid's worker visits most days and never lets three days pass.
 *
 * <p>Injected scenarios, labelled with the detector that should report them: recurring disputes (three complaints
 * about one subject in five days), escalating disputes (severity 2 → 3 → 4), grid hotspots (eight residents in under
 * an hour), multi-grid clusters (hotspots in three adjacent grids of a street within the same hour), overdue responses (a
 * complaint nobody follows up) and neglected grids (ten days without any patrol, in which nobody complains either).
 * Hotspots in one street are kept 36 hours apart, so only clusters make clusters. Graded {@link Surge}s raise one
 * grid's rate each, labelled as {@code grid_hotspot} scenarios with ids {@code SURGE-<times>x-<hours>h-<n>}.
 */
public final class Simulator {

    private static final ZoneId LOCAL = CityTime.ZONE;
    private static final Category[] ROUTINE = {Category.NOISE, Category.SANITATION, Category.ILLEGAL_CONSTRUCTION, Category.OTHER};
    private static final double[] ROUTINE_WEIGHTS = {0.35, 0.35, 0.15, 0.15};
    /** Relative complaint rate by local hour; the mean over the day is 1. */
    private static final double[] HOURLY = hourly();
    private static final Duration NEGLECT = Duration.ofDays(10);
    private static final Duration HOTSPOT_SPACING = Duration.ofHours(36);

    private final GridRegistry registry;
    private final SimulationSpec spec;
    private final Random random;
    /** For how input reaches GridWatch: its own sequence, so a prompt intake simulates what it always did. */
    private final Random intake;
    private final List<GridEvent> events = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();
    /** Per grid: when nobody patrols and nobody complains (neglected grids). */
    private final Map<String, Instant[]> quiet = new HashMap<>();
    /** Per street: when injected hotspots happen. */
    private final Map<String, List<Instant>> hotspots = new HashMap<>();
    /** Per grid and local day: the factor its rate is multiplied by that day (over-dispersion). */
    private final Map<String, double[]> dayFactors = new HashMap<>();
    private final GammaDistribution dayFactor;
    private int sequence;

    private Simulator(GridRegistry registry, SimulationSpec spec) {
        this.registry = registry;
        this.spec = spec;
        this.random = new Random(spec.seed());
        this.intake = new Random(~spec.seed());
        double overdispersion = spec.background().overdispersion();
        // Its own sequence too, so that a city without over-dispersion simulates what it always did.
        this.dayFactor = overdispersion > 0
                ? new GammaDistribution(new JDKRandomGenerator((int) (spec.seed() * 31 + 7)), 1 / overdispersion,
                        overdispersion)
                : null;
    }

    public static Simulation simulate(GridRegistry registry, SimulationSpec spec) {
        return new Simulator(registry, spec).run();
    }

    private Simulation run() {
        List<Grid> grids = new ArrayList<>(registry.grids());
        Collections.shuffle(grids, random);
        int next = 0;
        for (int k = 0; k < spec.scenariosPerKind(); k++) {
            neglectedGrid(grids.stream().filter(g -> !g.type().equals("village") && !quiet.containsKey(g.gridId()))
                    .findFirst().orElse(null), k);
        }
        List<Grid> active = grids.stream().filter(g -> !quiet.containsKey(g.gridId())).toList();
        for (int k = 0; k < spec.scenariosPerKind() && !active.isEmpty(); k++) {
            recurringDispute(active.get(next++ % active.size()), k);
            escalatingDispute(active.get(next++ % active.size()), k);
            gridHotspot(active.get(next++ % active.size()), k);
            cluster(active, k);
            overdueResponse(active.get(next++ % active.size()), k);
        }
        List<Grid> unused = active.subList(Math.min(next, active.size()), active.size());
        for (int i = 0; i < spec.surges().size() && i < unused.size(); i++) {
            surge(unused.get(i), spec.surges().get(i), i);
        }
        for (Grid grid : registry.grids()) {
            background(grid);
            patrols(grid);
        }
        events.sort(Comparator.comparing(GridEvent::occurredAt).thenComparing(GridEvent::eventId));
        List<Delivery> deliveries = new ArrayList<>();
        for (GridEvent event : events) {
            deliveries.add(new Delivery(event, event instanceof Complaint complaint ? spec.intake().arrivalOf(complaint)
                    : spec.intake().arrivalOf((Patrol) event, intake)));
        }
        deliveries.sort(Comparator.comparing(Delivery::at).thenComparing(d -> d.event().knownAt())
                .thenComparing(d -> d.event().eventId()));
        return new Simulation(registry, List.copyOf(events), List.copyOf(deliveries), List.copyOf(scenarios));
    }

    // ---- scenarios ----

    private void neglectedGrid(Grid grid, int k) {
        if (grid == null) {
            return;
        }
        Instant from = day(1 + random.nextInt(spec.days() - 12));
        Instant until = from.plus(NEGLECT);
        // Nobody complains from a day before either, so no follow-up patrol of an earlier complaint falls inside.
        quiet.put(grid.gridId(), new Instant[] {from.minus(Duration.ofDays(4)), from, until});
        scenarios.add(new Scenario(id(k, "patrol_gap"), "patrol_gap", List.of(grid.gridId()), from, until, List.of()));
    }

    private void recurringDispute(Grid grid, int k) {
        Instant day = day(1 + random.nextInt(spec.days() - 7));
        Subject subject = new Subject(grid.community() + "小区" + (1 + random.nextInt(30)) + "栋" + (101 + random.nextInt(20)), "P-R" + k);
        List<String> ids = new ArrayList<>();
        int[] hours = {10, 62, 105};
        String[] texts = {"楼上漏水，协商未果", "漏水仍未处理，双方争吵", "双方再次争吵，情绪激动"};
        for (int i = 0; i < 3; i++) {
            ids.add(answered(complaint(grid, day.plus(Duration.ofHours(hours[i])), Category.NEIGHBOR_DISPUTE, 2, subject, texts[i])));
        }
        scenarios.add(new Scenario(id(k, "repeated_dispute"), "repeated_dispute", List.of(grid.gridId()),
                day, day.plus(Duration.ofHours(106)), ids));
    }

    private void escalatingDispute(Grid grid, int k) {
        Instant day = day(1 + random.nextInt(spec.days() - 8));
        Subject subject = new Subject(grid.community() + "小区" + (1 + random.nextInt(30)) + "栋" + (201 + random.nextInt(20)), "P-E" + k);
        List<String> ids = new ArrayList<>();
        int[] hours = {9, 82, 160};
        String[] texts = {"邻居装修噪音，协商未果", "双方发生口角，互不相让", "双方发生推搡，扬言报复"};
        for (int i = 0; i < 3; i++) {
            ids.add(answered(complaint(grid, day.plus(Duration.ofHours(hours[i])), Category.NEIGHBOR_DISPUTE, 2 + i, subject, texts[i])));
        }
        Instant until = day.plus(Duration.ofHours(161));
        scenarios.add(new Scenario(id(k, "escalating_dispute"), "escalating_dispute", List.of(grid.gridId()), day, until, ids));
        // Three complaints about one subject within a week are also a repeated dispute.
        scenarios.add(new Scenario(id(k, "escalating_dispute") + "/repeated", "repeated_dispute", List.of(grid.gridId()), day, until, ids));
    }

    private void gridHotspot(Grid grid, int k) {
        Instant at = hotspotTime(grid.street());
        if (at != null) {
            scenarios.add(burst(grid, at, id(k, "grid_hotspot")));
        }
    }

    /** Hotspots in three adjacent grids of one street, each starting a quarter of an hour after the last. */
    private void cluster(List<Grid> active, int k) {
        for (int i = 0; i < active.size(); i++) {
            Grid grid = active.get((k * 5 + i) % active.size()); // clusters spread over the city
            List<Grid> near = grid.neighbors().stream().map(n -> registry.find(n).orElseThrow())
                    .filter(n -> n.street().equals(grid.street()) && !quiet.containsKey(n.gridId()))
                    .limit(2).toList();
            if (near.size() < 2) {
                continue;
            }
            Instant at = hotspotTime(grid.street());
            if (at == null) {
                continue;
            }
            List<Grid> cluster = List.of(grid, near.get(0), near.get(1));
            List<String> ids = new ArrayList<>();
            for (int member = 0; member < cluster.size(); member++) {
                Scenario hot = burst(cluster.get(member), at.plus(Duration.ofMinutes(15L * member)),
                        id(k, "cluster_hotspot") + "/" + (member + 1));
                scenarios.add(hot);
                ids.addAll(hot.eventIds());
            }
            scenarios.add(new Scenario(id(k, "cluster_hotspot"), "cluster_hotspot",
                    cluster.stream().map(Grid::gridId).toList(), at, at.plus(Duration.ofHours(3)), ids));
            return;
        }
    }

    private void overdueResponse(Grid grid, int k) {
        Instant at = day(1 + random.nextInt(spec.days() - 3)).plus(Duration.ofHours(10));
        String id = complaint(grid, at, Category.SANITATION, 3,
                new Subject(grid.community() + "垃圾中转站", "P-O" + k), "垃圾中转站污水横流，气味刺鼻，无人处理").eventId();
        // Nobody follows it up: overdue once its 12-hour SLA has passed.
        scenarios.add(new Scenario(id(k, "overdue_response"), "overdue_response", List.of(grid.gridId()),
                at, at.plus(Duration.ofHours(13)), List.of(id)));
    }

    /** Eight residents in under an hour, each about something of their own; a grid hotspot. */
    private Scenario burst(Grid grid, Instant at, String scenarioId) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Category category = i % 2 == 0 ? Category.NOISE : Category.SANITATION;
            ids.add(answered(complaint(grid, at.plus(Duration.ofMinutes(6L * i + random.nextInt(5))), category,
                    1 + random.nextInt(2), backgroundSubject(grid), "夜间广场施工噪音扰民，周边垃圾堆积", true)));
        }
        return new Scenario(scenarioId, "grid_hotspot", List.of(grid.gridId()), at, at.plus(Duration.ofHours(1)), ids);
    }

    /** Extra residents, at {@code times − 1} the grid's usual rate over the surge, each about a matter of their own. */
    private void surge(Grid grid, Surge surge, int n) {
        Instant from = day(SimulationSpec.SURGES_AFTER_DAYS).plus(Duration.ofMinutes(random.nextInt(
                (int) Duration.ofDays(spec.days() - SimulationSpec.SURGES_AFTER_DAYS - 2).toMinutes())));
        Instant until = from.plus(surge.over());
        List<String> ids = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(until); hour = hour.plus(Duration.ofHours(1))) {
            double covered = Math.min(1, Duration.between(hour, until).toMinutes() / 60.0);
            for (int extra = poisson((surge.times() - 1) * usualPerHour(hour) * covered); extra > 0; extra--) {
                Instant at = hour.plus(Duration.ofSeconds(random.nextInt((int) (covered * 3600))));
                Category category = extra % 2 == 0 ? Category.NOISE : Category.SANITATION;
                ids.add(answered(complaint(grid, at, category, 1 + random.nextInt(2), backgroundSubject(grid),
                        "群众反映" + category.label() + "问题", true)));
            }
        }
        scenarios.add(new Scenario("SURGE-%s-%02d".formatted(surge.label(), n + 1), "grid_hotspot",
                List.of(grid.gridId()), from, until, ids));
    }

    /** An evening in the street at least {@link #HOTSPOT_SPACING} from its other hotspots, or {@code null}. */
    private Instant hotspotTime(String street) {
        List<Instant> taken = hotspots.computeIfAbsent(street, s -> new ArrayList<>());
        for (int attempt = 0; attempt < 100; attempt++) {
            Instant at = day(1 + random.nextInt(spec.days() - 2)).plus(Duration.ofHours(19)); // 19:00 Beijing
            if (taken.stream().allMatch(t -> Duration.between(t, at).abs().compareTo(HOTSPOT_SPACING) > 0)) {
                taken.add(at);
                return at;
            }
        }
        return null;
    }

    // ---- background ----

    private void background(Grid grid) {
        Instant end = spec.end().minus(Duration.ofHours(13)); // room for every follow-up before the history ends
        for (Instant hour = spec.start(); hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            double lambda = usualPerHour(hour) * dayFactor(grid, hour);
            for (int n = poisson(lambda); n > 0; n--) {
                Instant at = hour.plus(Duration.ofSeconds(random.nextInt(3600)));
                if (isQuiet(grid, at, 0)) {
                    continue;
                }
                Category category = routineCategory();
                int severity = random.nextDouble() < 0.5 ? 1 : random.nextDouble() < 0.8 ? 2 : 3;
                answered(complaint(grid, at, category, severity, backgroundSubject(grid), "群众反映" + category.label() + "问题"));
            }
        }
    }

    /** Daily visits on most days, never three days apart, none while the grid is neglected. */
    private void patrols(Grid grid) {
        int sinceVisit = 0;
        for (int d = 0; d < spec.days(); d++) {
            Instant at = day(d).plus(Duration.ofMinutes(60 + random.nextInt(480))); // 09:00-17:00 Beijing
            if (isQuiet(grid, at, 1) || !at.isBefore(spec.end())) {
                continue;
            }
            if (random.nextDouble() < 0.8 || ++sinceVisit >= 3) {
                events.add(patrol(grid, at, PatrolKind.VISIT, null));
                sinceVisit = 0;
            }
        }
    }

    /** Follows the complaint up within its SLA, and often records its resolution later. Returns its id. */
    private String answered(Complaint complaint) {
        String complaintId = complaint.eventId();
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        long minutes = switch (complaint.severity()) {
            case 4 -> 20 + random.nextInt(60);
            case 3 -> 60 + random.nextInt(300);
            case 2 -> 60 + random.nextInt(540);
            default -> 120 + random.nextInt(600);
        };
        Instant followUp = complaint.reportedAt().plus(Duration.ofMinutes(minutes));
        events.add(patrol(grid, followUp, PatrolKind.FOLLOWUP, complaintId));
        Instant resolved = followUp.plus(Duration.ofHours(12 + random.nextInt(60)));
        if (random.nextDouble() < 0.6 && resolved.isBefore(spec.end()) && !isQuiet(grid, resolved, 1)) {
            events.add(patrol(grid, resolved, PatrolKind.RESOLUTION, complaintId, rating(complaintId)));
        }
        return complaintId;
    }

    /**
     * The resident's rating at the resolution, as a 12345 return visit finds it: most satisfied, some basically, a
     * few not, one in twelve not reached. Drawn from the complaint's id, not the simulation's random sequence, so
     * that the rest of a simulated city stays as it was before ratings existed.
     */
    private Satisfaction rating(String complaintId) {
        int draw = Math.floorMod(complaintId.hashCode() * 31 + Long.hashCode(spec.seed()), 100);
        return draw < 8 ? null
                : draw < 70 ? Satisfaction.SATISFIED
                : draw < 92 ? Satisfaction.BASICALLY_SATISFIED
                : Satisfaction.DISSATISFIED;
    }

    // ---- building blocks ----

    /** A grid's usual complaints in the hour starting at {@code hour}: the mean rate, shaped by the rhythm. */
    private double usualPerHour(Instant hour) {
        double perHour = spec.complaintsPerGridPerDay() / 24;
        if (!spec.background().rhythm()) {
            return perHour;
        }
        ZonedDateTime local = hour.atZone(LOCAL);
        double weekly = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.7 : 1.1;
        return perHour * HOURLY[local.getHour()] * weekly;
    }

    /** The factor by which the grid's rate differs from usual on the local day of {@code at} (1 without over-dispersion). */
    private double dayFactor(Grid grid, Instant at) {
        if (dayFactor == null) {
            return 1;
        }
        double[] factors = dayFactors.computeIfAbsent(grid.gridId(), g -> dayFactor.sample(spec.days() + 2));
        return factors[(int) Duration.between(day(0), at).toDays()];
    }

    /** Whether {@code at} falls in the grid's neglect: from its quiet start ({@code phase} 0: complaints; 1: patrols). */
    private boolean isQuiet(Grid grid, Instant at, int phase) {
        Instant[] period = quiet.get(grid.gridId());
        return period != null && !at.isBefore(period[phase]) && at.isBefore(period[2]);
    }

    /** A complaint, added to the history. */
    private Complaint complaint(Grid grid, Instant at, Category category, int severity, Subject subject, String text) {
        return complaint(grid, at, category, severity, subject, text, false);
    }

    /** A complaint, added to the history; one about something {@code happening} now is reported within minutes. */
    private Complaint complaint(Grid grid, Instant at, Category category, int severity, Subject subject, String text,
            boolean happening) {
        String id = "SIM%d-C-%07d".formatted(spec.seed(), ++sequence);
        double r = random.nextDouble();
        Channel channel = r < 0.6 ? Channel.HOTLINE_12345 : r < 0.9 ? Channel.APP : Channel.WALK_IN;
        Duration reportDelay = Duration.ofMinutes(1 + random.nextInt(30));
        Duration late = happening ? null : spec.intake().reportDelay(intake);
        Complaint complaint = new Complaint(id, grid.gridId(), at, at.plus(late == null ? reportDelay : late),
                channel, category, severity, subject, text, near(grid), new Complainant(
                        "居民" + (char) ('甲' + random.nextInt(10)), "13" + "%09d".formatted(100_000_000 + sequence)));
        events.add(complaint);
        return complaint;
    }

    private Patrol patrol(Grid grid, Instant at, PatrolKind kind, String refEventId) {
        return patrol(grid, at, kind, refEventId, null);
    }

    private Patrol patrol(Grid grid, Instant at, PatrolKind kind, String refEventId, Satisfaction satisfaction) {
        return new Patrol("SIM%d-P-%07d".formatted(spec.seed(), ++sequence), grid.gridId(), "W-" + grid.gridId(), at,
                kind, refEventId, List.of(), near(grid), satisfaction);
    }

    private Subject backgroundSubject(Grid grid) {
        return new Subject(grid.community() + "小区" + (1 + random.nextInt(30)) + "栋", "P-" + (sequence + 1));
    }

    private GeoPoint near(Grid grid) {
        return new GeoPoint(Math.round((grid.centroid().lat() + (random.nextDouble() - 0.5) * 0.004) * 1e6) / 1e6,
                Math.round((grid.centroid().lon() + (random.nextDouble() - 0.5) * 0.004) * 1e6) / 1e6);
    }

    private Category routineCategory() {
        double r = random.nextDouble();
        for (int i = 0; i < ROUTINE.length; i++) {
            r -= ROUTINE_WEIGHTS[i];
            if (r < 0) {
                return ROUTINE[i];
            }
        }
        return Category.OTHER;
    }

    /** Midnight Beijing time of the simulation's day {@code d}. */
    private Instant day(int d) {
        return spec.start().atZone(LOCAL).toLocalDate().plusDays(d).atStartOfDay(LOCAL).toInstant();
    }

    private int poisson(double lambda) {
        double limit = Math.exp(-lambda), product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private static String id(int k, String detector) {
        return "SC-%02d-%s".formatted(k + 1, detector);
    }

    private static double[] hourly() {
        double[] weights = {0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.6, 1.8, 1.7, 1.4, 1.0, 1.2, 1.6, 1.6, 1.5, 1.3, 1.2, 1.3, 1.2, 0.9, 0.6, 0.35};
        double mean = java.util.Arrays.stream(weights).average().orElseThrow();
        return java.util.Arrays.stream(weights).map(w -> w / mean).toArray();
    }
}
