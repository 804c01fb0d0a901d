package io.gridwatch.scorecard;

import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.time.CityTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A month's scorecard (月度考核): every {@link Measure} per grid, community or street, a rank by one of them, and the
 * change from the month before; and, beside it, the false-alarm rate staff judged per detector.
 *
 * @param rows in rank order, the rows without a figure to rank by last
 * @param detectors per detector that raised a warning in the month
 */
public record Scorecard(ScorecardRequest request, List<Row> rows, List<DetectorRow> detectors) {

    /**
     * One grid, community or street.
     *
     * @param rank 1 for the best by the request's measure (ties share a rank); {@code null} without a figure
     * @param previousRank the same, the month before
     */
    public record Row(String group, String name, Integer rank, Integer previousRank, Map<Measure, Figure> figures,
            Map<Measure, Figure> previous) {}

    /**
     * One detector's warnings as staff judged them, beside the quality benchmark's figure.
     *
     * @param falseAlarmsPer100GridWeeks the month's false alarms per 100 grid-weeks governed in the scope
     * @param benchmark the quality benchmark's worst figure on quiet cities (QUALITY.md), per 100 grid-weeks
     */
    public record DetectorRow(String detector, Figure falseAlarmRate, Double falseAlarmsPer100GridWeeks,
            Double benchmark) {}

    /** The scorecard {@code request} asks for, from {@code facts}. */
    public static Scorecard of(ScorecardRequest request, Facts facts) {
        Map<String, List<Grid>> groups = new TreeMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Grid grid : request.scope()) {
            if (grid.since() != null && grid.since().isAfter(request.month().atEndOfMonth())) {
                continue; // not yet governed in the month
            }
            String group = request.by().of(grid);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(grid);
            names.putIfAbsent(group, request.by().name(grid));
        }
        Map<String, Map<Measure, Figure>> now = new TreeMap<>();
        Map<String, Map<Measure, Figure>> before = new TreeMap<>();
        groups.forEach((group, grids) -> {
            now.put(group, measure(sample(request, facts, grids, request.month())));
            before.put(group, measure(sample(request, facts, grids, request.month().minusMonths(1))));
        });
        Map<String, Integer> ranks = ranks(now, request.rankBy());
        Map<String, Integer> previousRanks = ranks(before, request.rankBy());
        List<Row> rows = new ArrayList<>();
        for (String group : groups.keySet()) {
            rows.add(new Row(group, names.get(group), ranks.get(group), previousRanks.get(group), now.get(group),
                    before.get(group)));
        }
        rows.sort(Comparator.comparing((Row row) -> row.rank() == null ? Integer.MAX_VALUE : row.rank())
                .thenComparing(Row::group));
        return new Scorecard(request, rows, detectors(request, facts));
    }

    private static Map<Measure, Figure> measure(Sample sample) {
        Map<Measure, Figure> figures = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            figures.put(measure, measure.of(sample));
        }
        return figures;
    }

    private static Sample sample(ScorecardRequest request, Facts facts, List<Grid> grids, YearMonth month) {
        Set<String> ids = new HashSet<>();
        grids.forEach(grid -> ids.add(grid.gridId()));
        Instant start = start(month);
        Instant end = earliest(start(month.plusMonths(1)), request.asOf());
        List<CaseFact> accepted = facts.cases().stream()
                .filter(c -> ids.contains(c.gridId()) && within(c.reportedAt(), start, end)).toList();
        List<CaseFact> due = facts.cases().stream()
                .filter(c -> ids.contains(c.gridId()) && c.onTime() != null && within(c.dueAt(), start, end)).toList();
        long gridDays = 0;
        long covered = 0;
        for (Grid grid : grids) {
            Set<LocalDate> patrolled = facts.patrolDays().getOrDefault(grid.gridId(), Set.of());
            int interval = request.intervalOf(grid);
            for (LocalDate day : governedDays(grid, month, request.asOf())) {
                gridDays++;
                for (int back = 0; back < interval; back++) {
                    if (patrolled.contains(day.minusDays(back))) {
                        covered++;
                        break;
                    }
                }
            }
        }
        List<WarningFact> warnings = facts.warnings().stream()
                .filter(w -> ids.contains(w.gridId()) && within(w.createdAt(), start, end)).toList();
        return new Sample(accepted, due, gridDays, covered, warnings, request.asOf(), request.policy());
    }

    /** The whole days of {@code month} the grid was governed, up to the day before {@code asOf}. */
    static List<LocalDate> governedDays(Grid grid, YearMonth month, Instant asOf) {
        LocalDate first = month.atDay(1);
        if (grid.since() != null && grid.since().isAfter(first)) {
            first = grid.since();
        }
        LocalDate today = asOf.atZone(CityTime.ZONE).toLocalDate();
        LocalDate end = month.plusMonths(1).atDay(1).isBefore(today) ? month.plusMonths(1).atDay(1) : today;
        return first.isBefore(end) ? first.datesUntil(end).toList() : List.of();
    }

    /** Competition ranks (1, 1, 3) by {@code measure}, best first; groups without a figure have none. */
    private static Map<String, Integer> ranks(Map<String, Map<Measure, Figure>> figures, Measure measure) {
        Comparator<Double> best = measure.better() == Measure.Better.LOWER
                ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        figures.forEach((group, byMeasure) -> {
            Double value = byMeasure.get(measure).value();
            if (value != null) {
                ranked.add(Map.entry(group, value));
            }
        });
        ranked.sort(Map.Entry.comparingByValue(best));
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            boolean tied = i > 0 && ranked.get(i).getValue().equals(ranked.get(i - 1).getValue());
            ranks.put(ranked.get(i).getKey(), tied ? ranks.get(ranked.get(i - 1).getKey()) : i + 1);
        }
        return ranks;
    }

    private static List<DetectorRow> detectors(ScorecardRequest request, Facts facts) {
        Sample scope = sample(request, facts, request.scope(), request.month());
        Map<String, List<WarningFact>> byDetector = new TreeMap<>();
        scope.warnings().forEach(w -> byDetector.computeIfAbsent(w.detector(), d -> new ArrayList<>()).add(w));
        Map<String, Double> benchmark = QualityBenchmark.falseAlarmsPer100GridWeeks();
        List<DetectorRow> rows = new ArrayList<>();
        byDetector.forEach((detector, warnings) -> {
            Figure rate = Measure.FALSE_ALARM.of(new Sample(List.of(), List.of(), scope.gridDays(), 0, warnings,
                    request.asOf(), request.policy()));
            Double perGridWeeks = scope.gridDays() == 0 ? null : rate.numerator() * 100.0 * 7 / scope.gridDays();
            rows.add(new DetectorRow(detector, rate, perGridWeeks, benchmark.get(detector)));
        });
        return rows;
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(CityTime.ZONE).toInstant();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static boolean within(Instant at, Instant start, Instant end) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
