package io.gridwatch.model;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random input for the detectors, as jqwik arbitraries that shrink: a history is a list of {@link Step}s, turned into
 * events with ids by position. Complaints about a few subjects in a few grids (a village among them), of dispute,
 * conflict and other categories, at times that often coincide; patrols; answers to earlier complaints before, at,
 * within and after their deadlines, some in another grid under the same id; exact duplicates; bursts of complaints
 * in one grid from few or many residents; and an arrival order shuffled within half the allowed out-of-orderness, so
 * that no event is late.
 */
public final class RandomHistories {

    /** How far out of order events may arrive in the job the histories are run through. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofDays(1);

    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final List<String> GRIDS = List.of("G-XF-01-01", "G-XF-01-02", "G-XF-02-02", "G-CN-01-01");
    /** For each of {@link #GRIDS}, the position of a neighbouring one among them (the village has none there). */
    static final List<Integer> NEIGHBOURS = List.of(1, 2, 1, -1);
    static final List<Subject> SUBJECTS = List.of(
            new Subject("幸福里小区3栋502", "P-1001"), new Subject("幸福里小区7栋101", "P-2002"),
            new Subject("城南村12组", "P-3003"));
    static final List<Category> CATEGORIES = List.of(
            Category.NEIGHBOR_DISPUTE, Category.WAGE_ARREARS, Category.PHYSICAL_CONFLICT, Category.FAMILY_DISPUTE,
            Category.NOISE, Category.LAND_CONTRACT, Category.SAFETY_HAZARD);
    /** Answer delays around the SLAs (2 h, 12 h, 24 h, 72 h): before the complaint, within, at and after. */
    static final List<Duration> ANSWER_DELAYS = List.of(
            Duration.ofHours(-1), Duration.ZERO, Duration.ofMinutes(90), Duration.ofHours(2), Duration.ofHours(11),
            Duration.ofHours(12), Duration.ofHours(23), Duration.ofHours(24), Duration.ofHours(71),
            Duration.ofHours(72), Duration.ofDays(5));

    private RandomHistories() {}

    /** What one event of a history is; the numbers index the lists above or earlier steps. */
    public record Step(Kind kind, int grid, int subject, int category, int severity, int day, int halfHour,
            int ref, int delay, boolean otherGrid, int jitterMinutes, int resident) {}

    /**
     * A burst is {@code 4 + ref % 10} complaints in the grid within about an hour, from few or many residents, and with
     * {@code otherGrid} as many in a neighbouring grid too.
     */
    public enum Kind { COMPLAINT, VISIT, ANSWER, DUPLICATE, BURST }

    /** Histories of up to {@code maxSteps} steps over up to {@code days} days. */
    public static Arbitrary<List<GridEvent>> histories(int maxSteps, int days) {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.COMPLAINT)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.VISIT)),
                                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.ANSWER)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.DUPLICATE)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.BURST))),
                        Arbitraries.integers().between(0, GRIDS.size() - 1),
                        Arbitraries.integers().between(0, SUBJECTS.size() - 1),
                        Arbitraries.integers().between(0, CATEGORIES.size() - 1),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, days - 1),
                        Arbitraries.integers().between(0, 47),
                        Arbitraries.integers().between(0, 1000))
                .flatAs((kind, grid, subject, category, severity, day, halfHour, ref) -> Combinators.combine(
                                Arbitraries.integers().between(0, ANSWER_DELAYS.size() - 1),
                                Arbitraries.of(false, false, false, true),
                                Arbitraries.integers().between(0, (int) OUT_OF_ORDERNESS.toMinutes() / 2 - 1),
                                Arbitraries.integers().between(0, 6))
                        .as((delay, otherGrid, jitter, resident) -> new Step(kind, grid, subject, category, severity,
                                day, halfHour, ref, delay, otherGrid, jitter, resident)));
        return step.list().ofMaxSize(maxSteps).map(RandomHistories::arrivals);
    }

    /** The events of {@code steps}, in arrival order. */
    static List<GridEvent> arrivals(List<Step> steps) {
        List<GridEvent> events = new ArrayList<>();
        List<Complaint> complaints = new ArrayList<>();
        List<Long> arrival = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<GridEvent> made = step.kind() == Kind.BURST ? burst(i, step) : single(event(i, step, events, complaints));
            if (step.kind() == Kind.BURST && step.otherGrid() && NEIGHBOURS.get(step.grid()) >= 0) {
                made = new ArrayList<>(made);
                made.addAll(burst(i + 100_000, new Step(step.kind(), NEIGHBOURS.get(step.grid()), step.subject(),
                        step.category(), step.severity(), step.day(), step.halfHour(), step.ref() + step.delay(),
                        step.delay(), false, step.jitterMinutes(), step.resident())));
            }
            for (GridEvent event : made) {
                if (event instanceof Complaint complaint && step.kind() != Kind.DUPLICATE) {
                    complaints.add(complaint);
                }
                events.add(event);
                arrival.add(event.occurredAt().toEpochMilli() + Duration.ofMinutes(step.jitterMinutes()).toMillis());
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(arrival::get));
        return order.stream().map(events::get).toList();
    }

    private static List<GridEvent> single(GridEvent event) {
        return event == null ? List.of() : List.of(event);
    }

    /** Complaints minutes apart in one grid, residents taken in turn from {@code resident + 1} of them. */
    private static List<GridEvent> burst(int i, Step step) {
        List<GridEvent> burst = new ArrayList<>();
        for (int k = 0; k < 4 + step.ref() % 10; k++) {
            Step one = new Step(Kind.COMPLAINT, step.grid(), (step.subject() + k) % SUBJECTS.size(),
                    (step.category() + k) % CATEGORIES.size(), step.severity(), step.day(), step.halfHour(), 0, 0,
                    false, step.jitterMinutes(), 1 + k % (step.resident() + 1));
            Complaint complaint = (Complaint) event(i, one, List.of(), List.of());
            Instant at = complaint.occurredAt().plus(Duration.ofMinutes(7L * k));
            burst.add(new Complaint(complaint.eventId() + "-" + k, complaint.gridId(), at, at, complaint.channel(),
                    complaint.category(), complaint.severity(), complaint.subject(), complaint.text(), null,
                    complaint.complainant()));
        }
        return burst;
    }

    private static GridEvent event(int i, Step step, List<GridEvent> events, List<Complaint> complaints) {
        Instant at = START.plus(Duration.ofDays(step.day())).plus(Duration.ofMinutes(30L * step.halfHour()));
        String grid = GRIDS.get(step.grid());
        return switch (step.kind()) {
            case COMPLAINT, BURST -> new Complaint("C-" + i, grid, at, at.plus(Duration.ofMinutes(5)),
                    Channel.HOTLINE_12345, CATEGORIES.get(step.category()), step.severity(),
                    SUBJECTS.get(step.subject()), "诉求", null,
                    step.resident() == 0 ? null : new Complainant("居民", "1380000000" + step.resident()));
            case VISIT -> new Patrol("P-" + i, grid, "W-" + grid, at, PatrolKind.VISIT, null, List.of(), null);
            case ANSWER -> {
                if (complaints.isEmpty()) {
                    yield null;
                }
                Complaint answered = complaints.get(step.ref() % complaints.size());
                String answerGrid = step.otherGrid() ? GRIDS.get((GRIDS.indexOf(answered.gridId()) + 1) % GRIDS.size())
                        : answered.gridId();
                Instant answeredAt = answered.occurredAt().plus(ANSWER_DELAYS.get(step.delay()));
                PatrolKind kind = step.severity() % 2 == 0 ? PatrolKind.FOLLOWUP : PatrolKind.RESOLUTION;
                yield new Patrol("P-" + i, answerGrid, "W-" + answerGrid, answeredAt, kind, answered.eventId(),
                        List.of(), null);
            }
            case DUPLICATE -> events.isEmpty() ? null : events.get(step.ref() % events.size());
        };
    }
}
