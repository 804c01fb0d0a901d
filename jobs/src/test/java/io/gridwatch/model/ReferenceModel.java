package io.gridwatch.model;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.ClusterHotspotRule;
import io.gridwatch.common.rules.EscalatingDisputeRule;
import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.rules.NewCategoryRule;
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.RepeatedDisputeRule;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.stats.NegativeBinomial;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the detectors and the suppressor promise, computed the plain way: no Flink, no state, no timers — every
 * event in a list, sorted, scanned again for each question. Slow and obviously correct, it is what the job is held
 * against on random input ({@code DetectorsAgreeWithTheModelTest}).
 *
 * <p>It takes the events in arrival order, keeps the first of each id in its grid, and answers as the documentation
 * says, with the end of input passing every deadline: {@code repeated_dispute}, {@code escalating_dispute},
 * {@code overdue_response}, {@code patrol_gap}, {@code new_category}, {@code grid_hotspot} (with its recoveries) and
 * {@code cluster_hotspot}, then suppression within cool-downs. It returns every alert the suppressor publishes, merged
 * updates included. The rules must not change while running, and have no street overrides.
 */
public final class ReferenceModel {

    /** The detectors the model knows. */
    public static final Set<String> DETECTORS = Set.of(
            Rules.REPEATED_DISPUTE, Rules.ESCALATING_DISPUTE, Rules.OVERDUE_RESPONSE, Rules.PATROL_GAP,
            Rules.NEW_CATEGORY, Rules.GRID_HOTSPOT, Rules.CLUSTER_HOTSPOT);

    /** Detectors whose alerts wait for a recovery notice. */
    private static final Set<String> RECOVERING = Set.of(Rules.GRID_HOTSPOT, Rules.PATROL_GAP);

    private static final Comparator<GridEvent> EVENT_TIME_ORDER =
            Comparator.comparing(GridEvent::knownAt).thenComparing(GridEvent::eventId);

    private final Rules rules;
    private final GridRegistry registry;

    public ReferenceModel(Rules rules, GridRegistry registry) {
        this.rules = rules;
        this.registry = registry;
    }

    /** Every alert published for {@code arrivals}, in the order the suppressor publishes those of each key. */
    public List<Alert> alerts(List<GridEvent> arrivals) {
        List<GridEvent> events = firstOfEachId(arrivals);
        events.sort(EVENT_TIME_ORDER);
        List<Alert> raised = new ArrayList<>();
        raised.addAll(repeatedDisputes(events));
        raised.addAll(escalatingDisputes(events));
        raised.addAll(overdueResponses(events));
        raised.addAll(patrolGaps(events));
        raised.addAll(newCategories(events));
        List<Alert> hotspots = gridHotspots(events);
        raised.addAll(hotspots);
        raised.addAll(clusterHotspots(hotspots));
        return suppress(raised);
    }

    private static List<GridEvent> firstOfEachId(List<GridEvent> arrivals) {
        Map<String, GridEvent> first = new LinkedHashMap<>();
        arrivals.forEach(event -> first.putIfAbsent(event.scopedId(), event));
        return new ArrayList<>(first.values());
    }

    // ---- repeated_dispute: consecutive disputes about a subject that satisfy one of their categories' rules

    /**
     * At each dispute, the earliest start from which the disputes up to it satisfy a rule, if any; the next match
     * starts after it. That is CEP's skip past last event when every category has the same window: then no partial
     * match that started earlier can be open and unsatisfied while a later one is satisfied, so CEP holds no match
     * back. The model assumes it.
     */
    private List<Alert> repeatedDisputes(List<GridEvent> events) {
        if (rules.repeatedDispute().byCategory(null).values().stream().map(RepeatedDisputeRule::window).distinct().count() > 1) {
            throw new IllegalArgumentException("the model takes repeated_dispute rules with one window for all categories");
        }
        List<Alert> alerts = new ArrayList<>();
        for (List<Complaint> subject : bySubject(events, this::watchedDispute).values()) {
            int skip = 0;
            for (int j = 0; j < subject.size(); j++) {
                for (int i = skip; i < j; i++) {
                    List<Complaint> run = subject.subList(i, j + 1);
                    RepeatedDisputeRule rule = satisfiedRule(run);
                    if (rule != null) {
                        int maxSeverity = run.stream().mapToInt(Complaint::severity).max().orElseThrow();
                        alerts.add(alert(Rules.REPEATED_DISPUTE, rule.levelFor(maxSeverity), run.get(0).gridId(),
                                run.get(0).subject().key(), run, last(run).knownAt()));
                        skip = j + 1;
                        break;
                    }
                }
            }
        }
        return alerts;
    }

    private boolean watchedDispute(Complaint complaint) {
        return repeatedRule(complaint, complaint.category()).categories().contains(complaint.category());
    }

    private RepeatedDisputeRule repeatedRule(Complaint complaint, Category category) {
        return rules.repeatedDispute().forContext(street(complaint), category);
    }

    /** The rule of the first category (in category order) whose count and window the run satisfies. */
    private RepeatedDisputeRule satisfiedRule(List<Complaint> run) {
        Set<Category> present = EnumSet.noneOf(Category.class);
        run.forEach(c -> present.add(c.category()));
        Duration span = Duration.between(run.get(0).knownAt(), last(run).knownAt());
        for (Category category : present) {
            RepeatedDisputeRule rule = repeatedRule(run.get(0), category);
            if (run.size() >= rule.minCount() && span.compareTo(rule.window()) < 0) {
                return rule;
            }
        }
        return null;
    }

    // ---- escalating_dispute: each dispute, with the first worse complaint about the subject within the window

    private List<Alert> escalatingDisputes(List<GridEvent> events) {
        List<Alert> alerts = new ArrayList<>();
        for (List<Complaint> subject : bySubject(events, c -> {
            EscalatingDisputeRule rule = escalatingRule(c);
            return rule.categories().contains(c.category()) || rule.conflictCategories().contains(c.category());
        }).values()) {
            // Emitted when the worse complaint is taken, the pairs of one worse complaint in the order of their calmer.
            for (int j = 0; j < subject.size(); j++) {
                for (int i = 0; i < j; i++) {
                    if (firstWorse(subject, i) == j) {
                        Complaint calmer = subject.get(i);
                        alerts.add(alert(Rules.ESCALATING_DISPUTE, AlertLevel.RED, calmer.gridId(),
                                calmer.subject().key(), List.of(calmer, subject.get(j)), subject.get(j).knownAt()));
                    }
                }
            }
        }
        return alerts;
    }

    /** The position of the first complaint worse than the dispute at {@code i} within the window, or -1. */
    private int firstWorse(List<Complaint> subject, int i) {
        Complaint calmer = subject.get(i);
        EscalatingDisputeRule rule = escalatingRule(calmer);
        if (!rule.categories().contains(calmer.category())) {
            return -1;
        }
        for (int j = i + 1; j < subject.size(); j++) {
            Complaint worse = subject.get(j);
            if (Duration.between(calmer.knownAt(), worse.knownAt()).compareTo(rule.window()) >= 0) {
                return -1;
            }
            if (rule.conflictCategories().contains(worse.category())
                    || (rule.categories().contains(worse.category())
                            && worse.severity() >= calmer.severity() + rule.rises())) {
                return j;
            }
        }
        return -1;
    }

    private EscalatingDisputeRule escalatingRule(Complaint complaint) {
        return rules.escalatingDispute().forStreet(street(complaint));
    }

    // ---- overdue_response: a complaint with no answer from its time to just before its deadline (from acceptance),
    // waited for allowed_lateness; an answer that comes after the alert closes or withdraws it

    private List<Alert> overdueResponses(List<GridEvent> events) {
        List<Alert> alerts = new ArrayList<>();
        for (GridEvent event : events) {
            if (event instanceof Complaint complaint) {
                OverdueResponseRule rule = rules.overdueResponse().forContext(street(complaint), complaint.category());
                Instant deadline = complaint.reportedAt().plus(rule.slaFor(complaint.severity()));
                Instant fallsDue = deadline.plus(rule.allowedLateness());
                List<Patrol> answers = events.stream()
                        .filter(e -> e instanceof Patrol patrol
                                && (patrol.kind() == PatrolKind.FOLLOWUP || patrol.kind() == PatrolKind.RESOLUTION)
                                && complaint.eventId().equals(patrol.refEventId())
                                && complaint.gridId().equals(patrol.gridId())
                                && !patrol.occurredAt().isBefore(complaint.occurredAt()))
                        .map(Patrol.class::cast)
                        .toList();
                List<Patrol> knownInTime = answers.stream().filter(a -> !a.knownAt().isAfter(fallsDue)).toList();
                if (knownInTime.stream().anyMatch(a -> a.occurredAt().isBefore(deadline))) {
                    continue;
                }
                Alert alert = overdueAlert(complaint, rule, deadline, fallsDue);
                if (!knownInTime.isEmpty()) {
                    alerts.add(alert.recovered(fallsDue, ""));
                    continue;
                }
                alerts.add(alert);
                answers.stream()
                        .filter(a -> a.knownAt().isAfter(fallsDue)
                                && !a.knownAt().isAfter(fallsDue.plus(Duration.ofDays(30))))
                        .findFirst()
                        .ifPresent(a -> alerts.add(alert.recovered(a.knownAt(), "")));
            }
        }
        return alerts;
    }

    private Alert overdueAlert(Complaint complaint, OverdueResponseRule rule, Instant deadline, Instant fallsDue) {
        Alert alert = alert(Rules.OVERDUE_RESPONSE, rule.levelFor(complaint), complaint.gridId(), complaint.eventId(),
                List.of(complaint), fallsDue);
        return new Alert(alert.alertId(), alert.detector(), alert.level(), alert.gridId(), alert.gridName(),
                alert.community(), alert.street(), alert.district(), alert.key(), alert.windowStart(), deadline,
                alert.count(), alert.eventIds(), "", fallsDue, alert.location());
    }

    // ---- patrol_gap: each further max_gap without a patrol, up to the third, the first waited for allowed_lateness;
    // the next visit recovers the gap's alerts

    private List<Alert> patrolGaps(List<GridEvent> events) {
        List<Alert> alerts = new ArrayList<>();
        Map<String, List<Instant>> visits = new LinkedHashMap<>();
        events.stream().filter(e -> e instanceof Patrol).forEach(p ->
                visits.computeIfAbsent(p.gridId(), g -> new ArrayList<>()).add(p.occurredAt()));
        AlertLevel[] levels = {AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED};
        visits.forEach((gridId, times) -> {
            Grid grid = registry.find(gridId).orElseThrow();
            Duration gap = rules.patrolGap().forStreet(grid.street()).maxGapFor(grid.type());
            Duration lateness = rules.patrolGap().forStreet(grid.street()).allowedLateness();
            List<Instant> distinct = times.stream().distinct().sorted().toList();
            for (int k = 0; k < distinct.size(); k++) {
                Instant last = distinct.get(k);
                Instant next = k + 1 < distinct.size() ? distinct.get(k + 1) : Instant.MAX;
                Alert raised = null;
                for (int level = 0; level < levels.length; level++) {
                    Instant fallsDue = last.plus(lateness).plus(gap.multipliedBy(level + 1));
                    if (!fallsDue.isBefore(next)) {
                        break; // a patrol at or before the deadline ended the gap
                    }
                    String id = AlertId.of(Rules.PATROL_GAP, gridId, last + "/" + levels[level].wireName(), List.of());
                    raised = new Alert(id, Rules.PATROL_GAP, levels[level], gridId, grid.name(), grid.community(),
                            grid.street(), grid.district(), null, last, fallsDue, 0, List.of(), "", fallsDue,
                            grid.centroid());
                    alerts.add(raised);
                }
                if (raised != null && next != Instant.MAX) {
                    alerts.add(raised.recovered(next, ""));
                }
            }
        });
        return alerts;
    }

    // ---- new_category: a watched category's first complaint in a grid with none in the look-back before it

    private List<Alert> newCategories(List<GridEvent> events) {
        List<Alert> alerts = new ArrayList<>();
        Map<String, Instant> lookbackEnd = new LinkedHashMap<>();
        for (GridEvent event : events) {
            if (event instanceof Complaint complaint) {
                NewCategoryRule rule = rules.newCategory().forContext(street(complaint), complaint.category());
                if (!rule.categories().contains(complaint.category())) {
                    continue;
                }
                String key = complaint.gridId() + "|" + complaint.category().wireName();
                Instant end = lookbackEnd.get(key);
                if (end == null || !complaint.knownAt().isBefore(end)) {
                    alerts.add(alert(Rules.NEW_CATEGORY, AlertLevel.YELLOW, complaint.gridId(),
                            complaint.category().wireName(), List.of(complaint), complaint.knownAt()));
                    end = null;
                }
                Instant renewed = complaint.knownAt().plus(rule.lookback());
                lookbackEnd.put(key, end == null || renewed.isAfter(end) ? renewed : end);
            }
        }
        return alerts;
    }

    // ---- grid_hotspot: a window's count against the grid's hourly baseline, re-checked until it cools down

    private List<Alert> gridHotspots(List<GridEvent> events) {
        List<Alert> alerts = new ArrayList<>();
        Map<String, List<Complaint>> byGrid = new LinkedHashMap<>();
        for (GridEvent event : events) {
            if (event instanceof Complaint complaint) {
                byGrid.computeIfAbsent(complaint.gridId(), g -> new ArrayList<>()).add(complaint);
            }
        }
        byGrid.forEach((gridId, complaints) -> alerts.addAll(new HotGridModel(gridId, complaints).alerts()));
        return alerts;
    }

    /**
     * One grid's hotspot detection, moment by moment: at each instant its complaints are taken (in id order), then
     * the state is dropped if four half-lives have passed since the last complaint, else the open alert is re-checked
     * if it is due.
     */
    private final class HotGridModel {
        private final Grid grid;
        private final List<Complaint> complaints;
        private final GridHotspotRule rule;
        private final List<Complaint> taken = new ArrayList<>();
        private long firstHour = -1;
        private Alert open;
        private Long recheck;
        private Long expiry;

        HotGridModel(String gridId, List<Complaint> complaints) {
            this.grid = registry.find(gridId).orElseThrow();
            this.complaints = complaints;
            this.rule = rules.gridHotspot().forStreet(grid.street());
        }

        List<Alert> alerts() {
            List<Alert> alerts = new ArrayList<>();
            TreeSet<Long> moments = new TreeSet<>();
            complaints.forEach(c -> moments.add(c.knownAt().toEpochMilli()));
            while (!moments.isEmpty()) {
                long now = moments.pollFirst();
                for (Complaint complaint : complaints) {
                    if (complaint.knownAt().toEpochMilli() == now) {
                        take(complaint, now, alerts);
                    }
                }
                if (expiry != null && expiry == now) {
                    taken.clear();
                    firstHour = -1;
                    open = null;
                    recheck = null;
                    expiry = null;
                } else if (recheck != null && recheck == now) {
                    if (stillHot(now) != null) {
                        recheck = now + rule.windows().get(0).toMillis();
                    } else {
                        alerts.add(open.recovered(Instant.ofEpochMilli(now), ""));
                        open = null;
                        recheck = null;
                    }
                }
                if (recheck != null) {
                    moments.add(recheck);
                }
                if (expiry != null) {
                    moments.add(expiry);
                }
            }
            return alerts;
        }

        private void take(Complaint complaint, long now, List<Alert> alerts) {
            Usual usual = usualBefore(now); // learnt from the hours completed before this complaint
            if (firstHour < 0) {
                firstHour = hourOf(now);
            }
            String resident = resident(complaint);
            List<Duration> joined = rule.windows().stream()
                    .filter(w -> in(w, now).stream().noneMatch(c -> resident(c).equals(resident))).toList();
            taken.add(complaint);
            Alert alert = hotWindow(now, usual, joined, 1);
            if (alert != null) {
                if (recheck == null) {
                    recheck = now + rule.windows().get(0).toMillis();
                }
                open = alert;
                alerts.add(alert);
            }
            expiry = now + rule.baselineHalfLife().multipliedBy(4).toMillis();
        }

        /** A re-check, after an alert: every window, with the rhythm as the last complaint left it, ten times laxer. */
        private Alert stillHot(long now) {
            return hotWindow(now, usualBefore(last(taken).knownAt().toEpochMilli()), rule.windows(), 10);
        }

        /** The taken complaints in the window of length {@code window} ending at {@code now}. */
        private List<Complaint> in(Duration window, long now) {
            return taken.stream().filter(c -> c.knownAt().toEpochMilli() > now - window.toMillis()
                    && c.knownAt().toEpochMilli() <= now).toList();
        }

        /** The grid's usual load, hour by hour from the first complaint's hour to the hour of {@code at}. */
        private Usual usualBefore(long at) {
            Usual usual = new Usual(rule);
            if (firstHour < 0) {
                return usual;
            }
            for (long hour = firstHour; hour < hourOf(at); hour += HOUR) {
                long start = hour;
                int residents = (int) taken.stream().filter(c -> hourOf(c.knownAt().toEpochMilli()) == start)
                        .map(ReferenceModel::resident).distinct().count();
                usual.fold(start, residents);
            }
            return usual;
        }

        /** The alert of the most severe hot window among {@code tested} ending at {@code now}, or {@code null}. */
        private Alert hotWindow(long now, Usual usual, List<Duration> tested, double margin) {
            double threshold = rule.threshold(usual.level()) * margin;
            double phi = usual.overdispersion();
            Alert worst = null; // the most severe, of equally severe the longest window
            for (Duration window : tested) {
                List<Complaint> in = in(window, now);
                Set<String> residents = new HashSet<>();
                in.forEach(c -> residents.add(resident(c)));
                if (residents.size() < rule.minCount() || residents.size() < rule.minDistinctComplainants()) {
                    continue;
                }
                // The other residents around a complaint: negative binomial, size-biased by the complaint itself.
                // ... with the uncertainty of the expectation counted as over-dispersion too.
                double expected = usual.expected(now - window.toMillis(), now);
                double spread = phi + usual.uncertainty(now - window.toMillis(), now);
                double p = NegativeBinomial.upperTail(residents.size() - 1, expected * (1 + spread),
                        spread / (1 + spread));
                AlertLevel level = rule.levelFor(p, threshold);
                if (level != null && (worst == null || level.compareTo(worst.level()) >= 0)) {
                    List<String> ids = in.stream().map(GridEvent::eventId).toList();
                    Instant last = last(in).knownAt();
                    worst = new Alert(AlertId.of(Rules.GRID_HOTSPOT, grid.gridId(), null,
                                    ids.subList(Math.max(0, ids.size() - Alert.MAX_EVIDENCE_IDS), ids.size())),
                            Rules.GRID_HOTSPOT, level, grid.gridId(), grid.name(), grid.community(), grid.street(),
                            grid.district(), null, in.get(0).knownAt(), last, in.size(), ids, "", last,
                            grid.centroid());
                }
            }
            return worst;
        }
    }

    /**
     * A grid's usual load as the hotspot statistic defines it (README, "The hotspot statistic"): per completed local
     * day, decayed, its residents by hour and by weekday, the days seen per weekday, and its squared deviation from
     * what was expected; each estimate shrunk towards its prior; hours and days learnt up to a cap.
     */
    private static final class Usual {
        private final GridHotspotRule rule;
        private final double keepDay;
        private final double[] byHour = new double[24];
        private final double[] byWeekday = new double[7];
        private final double[] days = new double[7];
        private double[] today = new double[24];
        private int todayHours;
        private double dayExpected;
        private double excess;
        private double squares;

        Usual(GridHotspotRule rule) {
            this.rule = rule;
            this.keepDay = Math.pow(0.5, (double) Duration.ofDays(1).toMillis() / rule.baselineHalfLife().toMillis());
        }

        void fold(long hour, int residents) {
            ZonedDateTime local = Instant.ofEpochMilli(hour).atZone(CITY);
            int h = local.getHour(), d = local.getDayOfWeek().getValue() - 1;
            double expected = perHour(d, h);
            double phi = overdispersion();
            today[h] += capped(residents, expected, phi);
            todayHours++;
            dayExpected += expected;
            if (local.plusHours(1).getHour() == 0) {
                double counted = Arrays.stream(today).sum();
                double day = capped(counted, dayExpected, phi);
                for (int i = 0; i < 24; i++) {
                    byHour[i] = byHour[i] * keepDay + (counted > 0 ? today[i] * day / counted : 0);
                }
                for (int i = 0; i < 7; i++) {
                    byWeekday[i] *= keepDay;
                    days[i] *= keepDay;
                }
                byWeekday[d] += day;
                days[d] += todayHours / 24.0;
                excess = excess * keepDay + Math.pow(day - dayExpected, 2) - day;
                squares = squares * keepDay + dayExpected * dayExpected;
                today = new double[24];
                todayHours = 0;
                dayExpected = 0;
            }
        }

        /** Learnt up to the expected count plus three standard deviations plus two. */
        private static double capped(double residents, double expected, double phi) {
            return Math.min(residents, expected + 3 * Math.sqrt(expected + phi * expected * expected) + 2);
        }

        double level() {
            return (Arrays.stream(byWeekday).sum() + rule.priorPerDay()) / (Arrays.stream(days).sum() + 1);
        }

        double overdispersion() {
            double prior = 7 * Math.pow(Math.max(level(), 4), 2);
            return Math.max(0, (excess + prior * rule.priorOverdispersion()) / (squares + prior));
        }

        double expected(long from, long to) {
            double expected = 0;
            for (long hour = Math.floorDiv(from, HOUR) * HOUR; hour < to; hour += HOUR) {
                ZonedDateTime local = Instant.ofEpochMilli(hour).atZone(CITY);
                double covered = Math.min(to, hour + HOUR) - Math.max(from, hour);
                expected += perHour(local.getDayOfWeek().getValue() - 1, local.getHour()) * covered / HOUR;
            }
            return expected;
        }

        /** The relative variance of {@link #expected}: from its weekday's days, and from its hours' residents. */
        double uncertainty(long from, long to) {
            int d = Instant.ofEpochMilli(to - 1).atZone(CITY).getDayOfWeek().getValue() - 1;
            double rate = (byWeekday[d] + level()) / (days[d] + 1);
            double ofDay = days[d] / Math.pow(days[d] + 1, 2) * (1 / rate + overdispersion());
            double residents = 0;
            for (long hour = Math.floorDiv(from, HOUR) * HOUR; hour < to; hour += HOUR) {
                double covered = Math.min(to, hour + HOUR) - Math.max(from, hour);
                residents += (byHour[Instant.ofEpochMilli(hour).atZone(CITY).getHour()] + 1) * covered / HOUR;
            }
            return ofDay + 1 / residents;
        }

        private double perHour(int d, int h) {
            double perDay = (byWeekday[d] + level()) / (days[d] + 1);
            return perDay * (byHour[h] + 1) / (Arrays.stream(byHour).sum() + 24);
        }
    }

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = Duration.ofHours(1).toMillis();

    // ---- cluster_hotspot: neighbouring grids of a street hot at the same time

    /** A grid hot from {@code from} until before {@code until}, with the evidence of its latest hotspot alert. */
    private record Hot(AlertLevel level, long from, long until, List<String> eventIds) {}

    private List<Alert> clusterHotspots(List<Alert> hotspots) {
        // Taken in event-time order; within an instant recoveries first, then by grid (stable within a grid).
        List<Alert> ordered = new ArrayList<>(hotspots);
        ordered.sort(Comparator.comparing((Alert a) -> a.recoveredAt() != null ? a.recoveredAt() : a.createdAt())
                .thenComparing(a -> a.recoveredAt() == null)
                .thenComparing(Alert::gridId));
        List<Alert> alerts = new ArrayList<>();
        Map<String, Map<String, Hot>> hotByStreet = new LinkedHashMap<>();
        for (Alert hotspot : ordered) {
            Map<String, Hot> hot = hotByStreet.computeIfAbsent(hotspot.street(), s -> new TreeMap<>());
            Hot previous = hot.get(hotspot.gridId());
            if (hotspot.recoveredAt() != null) {
                long recovered = hotspot.recoveredAt().toEpochMilli();
                if (previous != null && recovered < previous.until()) {
                    hot.put(hotspot.gridId(), new Hot(previous.level(), previous.from(), recovered, previous.eventIds()));
                }
                continue;
            }
            ClusterHotspotRule rule = rules.clusterHotspot().forStreet(hotspot.street());
            long at = hotspot.createdAt().toEpochMilli();
            long until = at + rule.window().toMillis();
            boolean stillHot = previous != null && previous.from() <= at && at < previous.until();
            hot.put(hotspot.gridId(), stillHot
                    ? new Hot(hotspot.level().compareTo(previous.level()) > 0 ? hotspot.level() : previous.level(),
                            previous.from(), Math.max(until, previous.until()), hotspot.eventIds())
                    : new Hot(hotspot.level(), at, until, hotspot.eventIds()));
            for (List<String> cluster : connected(hot, at)) {
                if (cluster.size() >= rule.minGrids() && cluster.contains(hotspot.gridId())) {
                    alerts.add(clusterAlert(cluster, hot, rule, hotspot.createdAt()));
                }
            }
        }
        return alerts;
    }

    /** The grids hot at {@code at}, in groups connected through the registry's neighbours, each sorted. */
    private List<List<String>> connected(Map<String, Hot> hot, long at) {
        Set<String> hotNow = new TreeSet<>();
        hot.forEach((grid, h) -> {
            if (h.from() <= at && at < h.until()) {
                hotNow.add(grid);
            }
        });
        List<List<String>> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : hotNow) {
            if (seen.contains(start)) {
                continue;
            }
            Set<String> group = new TreeSet<>(List.of(start));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (String grid : hotNow) {
                    if (!group.contains(grid) && group.stream().anyMatch(
                            member -> registry.find(member).orElseThrow().neighbors().contains(grid))) {
                        grew = group.add(grid);
                    }
                }
            }
            seen.addAll(group);
            groups.add(new ArrayList<>(group));
        }
        return groups;
    }

    private Alert clusterAlert(List<String> cluster, Map<String, Hot> hot, ClusterHotspotRule rule, Instant at) {
        AlertLevel worst = cluster.stream().map(g -> hot.get(g).level()).max(Enum::compareTo).orElseThrow();
        List<String> ids = cluster.stream().flatMap(g -> hot.get(g).eventIds().stream()).distinct().toList();
        Grid first = registry.find(cluster.get(0)).orElseThrow();
        List<String> listed = ids.subList(Math.max(0, ids.size() - Alert.MAX_EVIDENCE_IDS), ids.size());
        return new Alert(AlertId.of(Rules.CLUSTER_HOTSPOT, first.gridId(), String.join(",", cluster), ids),
                Rules.CLUSTER_HOTSPOT, rule.levelFor(cluster.size(), worst), first.gridId(), first.name(),
                first.community(), first.street(), first.district(), first.street(), at, at, ids.size(), listed, "", at,
                first.centroid());
    }

    /** Who complained: the phone, else the name; anonymous complaints by channel and address. */
    private static String resident(Complaint complaint) {
        if (complaint.complainant() != null && complaint.complainant().phone() != null) {
            return "phone:" + complaint.complainant().phone();
        }
        if (complaint.complainant() != null && complaint.complainant().name() != null) {
            return "name:" + complaint.complainant().name();
        }
        return "anonymous:" + complaint.channel().wireName() + ":" + complaint.subject().address().strip();
    }

    private static long hourOf(long at) {
        return Math.floorDiv(at, HOUR) * HOUR;
    }

    // ---- suppression: one alert per detector, grid and key within its cool-down

    private List<Alert> suppress(List<Alert> raised) {
        Map<String, List<Alert>> byKey = new LinkedHashMap<>();
        for (Alert alert : raised) {
            byKey.computeIfAbsent(alert.detector() + "|" + alert.gridId() + "|" + alert.key(), k -> new ArrayList<>())
                    .add(alert);
        }
        List<Alert> published = new ArrayList<>();
        for (List<Alert> alerts : byKey.values()) {
            List<Alert> inOrder = new ArrayList<>(alerts);
            // By when each was raised (a recovery when it recovered); stable: a detector's own order at one instant.
            inOrder.sort(Comparator.comparing(a -> a.recoveredAt() != null ? a.recoveredAt() : a.createdAt()));
            Alert open = null;
            Instant coolDownEnd = null;
            List<Alert> replaced = new ArrayList<>();
            for (Alert alert : inOrder) {
                if (alert.recoveredAt() != null) {
                    for (Alert told : open == null ? List.of(alert) : concat(replaced, open)) {
                        published.add(told.recovered(alert.recoveredAt(), alert.message()));
                    }
                    open = null;
                    replaced.clear();
                } else if (open != null && alert.createdAt().isBefore(coolDownEnd)
                        && alert.level().compareTo(open.level()) <= 0) {
                    open = merged(open, alert);
                    published.add(open);
                } else {
                    if (open != null && RECOVERING.contains(open.detector())) {
                        replaced.add(open);
                    }
                    open = alert;
                    coolDownEnd = alert.createdAt().plus(rules.cooldown(alert.detector(), alert.street()));
                    published.add(alert);
                }
            }
        }
        return published;
    }

    private static List<Alert> concat(List<Alert> replaced, Alert open) {
        List<Alert> all = new ArrayList<>(replaced);
        all.add(open);
        return all;
    }

    private static Alert merged(Alert open, Alert update) {
        Set<String> ids = new LinkedHashSet<>(open.eventIds());
        int before = ids.size();
        ids.addAll(update.eventIds());
        int count = update.eventIds().isEmpty() ? Math.max(open.count(), update.count()) : open.count() + ids.size() - before;
        Instant start = open.windowStart().isBefore(update.windowStart()) ? open.windowStart() : update.windowStart();
        Instant end = open.windowEnd().isAfter(update.windowEnd()) ? open.windowEnd() : update.windowEnd();
        return new Alert(open.alertId(), open.detector(), open.level(), open.gridId(), open.gridName(),
                open.community(), open.street(), open.district(), open.key(), start, end, count,
                new ArrayList<>(ids), update.message(), open.createdAt(), open.location());
    }

    // ---- helpers

    private Map<String, List<Complaint>> bySubject(List<GridEvent> events, Predicate<Complaint> keep) {
        Map<String, List<Complaint>> bySubject = new LinkedHashMap<>();
        for (GridEvent event : events) {
            if (event instanceof Complaint complaint && keep.test(complaint)) {
                bySubject.computeIfAbsent(complaint.gridId() + "|" + complaint.subject().key(), k -> new ArrayList<>())
                        .add(complaint);
            }
        }
        return bySubject;
    }

    private Alert alert(String detector, AlertLevel level, String gridId, String key, List<Complaint> evidence,
            Instant createdAt) {
        Grid grid = registry.find(gridId).orElseThrow();
        // Evidence is listed by when it happened, whatever order it became known in (a report a day late).
        List<Complaint> happened = evidence.stream()
                .sorted(Comparator.comparing(Complaint::occurredAt).thenComparing(Complaint::eventId)).toList();
        List<String> ids = happened.stream().map(GridEvent::eventId).toList();
        return new Alert(AlertId.of(detector, gridId, key, ids), detector, level, gridId, grid.name(), grid.community(),
                grid.street(), grid.district(), key, happened.get(0).occurredAt(), last(happened).occurredAt(),
                ids.size(), ids, "", createdAt, grid.centroid());
    }

    private String street(GridEvent event) {
        return registry.find(event.gridId()).orElseThrow().street();
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
