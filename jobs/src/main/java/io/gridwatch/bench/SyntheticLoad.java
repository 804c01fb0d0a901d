package io.gridwatch.bench;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Benchmark load: event {@code i} of a stream over a city's grids, computed from {@code i} alone, so that millions of
 * events need no memory and every run sees the same ones.
 *
 * <p>Every other event is a complaint (群众诉求): a grid is chosen by a hash of {@code i}, the subject among
 * {@value #SUBJECTS_PER_GRID} addresses of that grid (so a dispute now and then recurs, as in a real grid), the
 * category and severity by further hashes with the weights of a city's hotline (mostly neighbour disputes, noise and
 * sanitation at severity 1–2; wage arrears and fights rare), and each from its own phone number. The others are
 * patrols (走访巡查): the follow-up of the complaint five events earlier, in its grid, except that one complaint in
 * {@value #UNANSWERED_ONE_IN} is left unanswered and its grid gets a plain visit. So every detector has work, and
 * alerts stay as rare as in a real city when each grid sees about two complaints a day.
 */
public final class SyntheticLoad implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Two complaints and two patrols per grid and day: the density of a busy grid, and the hotspot prior. */
    public static final int EVENTS_PER_GRID_DAY = 4;

    public static final int SUBJECTS_PER_GRID = 40;
    static final int UNANSWERED_ONE_IN = 20;

    /** Categories in per-mille, as a hotline sees them. */
    private static final Category[] CATEGORY_BY_MILLE = weighted(new Object[][] {
        {Category.NEIGHBOR_DISPUTE, 250}, {Category.NOISE, 200}, {Category.SANITATION, 200},
        {Category.PROPERTY_MANAGEMENT, 120}, {Category.ILLEGAL_CONSTRUCTION, 80}, {Category.SAFETY_HAZARD, 50},
        {Category.FAMILY_DISPUTE, 40}, {Category.OTHER, 30}, {Category.WAGE_ARREARS, 20}, {Category.LAND_CONTRACT, 6},
        {Category.PHYSICAL_CONFLICT, 4}});

    /** Severity 1 half the time, 2 a third, 3 one in eight, 4 rarely (per mille). */
    private static final int[] SEVERITY_LIMITS = {500, 850, 970, 1000};

    private final String[] gridIds;

    public SyntheticLoad(GridRegistry registry) {
        this.gridIds = registry.grids().stream().map(Grid::gridId).sorted().toArray(String[]::new);
    }

    /** The event time {@code events} events cover at {@value #EVENTS_PER_GRID_DAY} per grid and day. */
    public Duration spanOf(long events) {
        return Duration.ofMillis(Math.max(1, events * Duration.ofDays(1).toMillis() / (gridIds.length * (long) EVENTS_PER_GRID_DAY)));
    }

    /** Event {@code index}, occurring at {@code at}. */
    public GridEvent event(long index, Instant at) {
        if (index % 2 == 1) {
            long answered = index - 5; // even: a complaint
            String grid = gridOf(Math.max(0, answered));
            boolean followUp = answered >= 0 && (answered / 2) % UNANSWERED_ONE_IN != 0;
            return new Patrol("B-P-" + index, grid, "W-" + grid, at, followUp ? PatrolKind.FOLLOWUP : PatrolKind.VISIT,
                    followUp ? "B-C-" + answered : null, List.of(), null);
        }
        long h = mix(index);
        String grid = gridOf(index);
        int subject = (int) ((h >>> 8) % SUBJECTS_PER_GRID);
        Category category = CATEGORY_BY_MILLE[(int) ((h >>> 20) % 1000)];
        int severityMille = (int) ((h >>> 40) % 1000);
        int severity = 1;
        while (severityMille >= SEVERITY_LIMITS[severity - 1]) {
            severity++;
        }
        return new Complaint("B-C-" + index, grid, at, at.plus(Duration.ofMinutes(5)), Channel.HOTLINE_12345, category,
                severity, new Subject(grid + "小区" + subject + "栋", "P-" + grid + "-" + subject), "楼上漏水，多次协商未果",
                null, new Complainant(null, "138" + String.format("%08d", index % 100_000_000)));
    }

    /** Events spread evenly over {@code span} from {@code start}: event {@code index} of {@code count}. */
    public GridEvent event(long index, long count, Instant start, Duration span) {
        return event(index, start.plusMillis(span.toMillis() * index / Math.max(1, count)));
    }

    private String gridOf(long index) {
        return gridIds[(int) Math.floorMod(mix(index), (long) gridIds.length)];
    }

    private static Category[] weighted(Object[][] weights) {
        Category[] byMille = new Category[1000];
        int filled = 0;
        for (Object[] weight : weights) {
            for (int i = 0; i < (int) weight[1]; i++) {
                byMille[filled++] = (Category) weight[0];
            }
        }
        return byMille;
    }

    /** A 64-bit finaliser (SplitMix64): neighbouring indices land on unrelated grids. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
