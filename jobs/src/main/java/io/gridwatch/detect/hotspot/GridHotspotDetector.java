package io.gridwatch.detect.hotspot;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.privacy.ResidentKeys;
import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.detect.EventTimeBuffer;
import io.gridwatch.detect.RulesAwareFunction;
import io.gridwatch.detect.WatchStarts;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * {@code grid_hotspot} (网格热点): far more complaints in a grid than that grid usually has.
 *
 * <p>The statistic counts residents, not calls: one resident calling twenty times is a repeated matter
 * ({@code repeated_dispute}), not twenty residents troubled. A resident is the complainant's phone, else name; an
 * anonymous complaint counts as the resident of its channel and address, so anonymous calls about one doorway via one
 * channel count once ({@link Residents}). State keeps residents as keyed hashes, never numbers or names. Each
 * grid learns its usual load from its own completed days ({@link Rhythm}): its level, its weekly and daily rhythm and
 * how much its days vary. Whenever a resident comes into a window {@code w} (1 h, 6 h,
 * 24 h) ending at their complaint, the residents {@code k} in it are judged against what the rhythm expects there,
 * {@code Λ}, by a negative binomial tail ({@link HotspotChance}) whose over-dispersion adds the uncertainty of the
 * estimate itself: the chance {@code p} of so many on an ordinary day.
 * The window is a hotspot when {@code p} is at or below the threshold that shares the false-alarm budget
 * ({@code false_alarms_per_100_grid_weeks}) out over the grid's tests ({@link GridHotspotRule#threshold}) — orange and
 * red further below it — and at least {@code min_count} and {@code min_distinct_complainants} residents complained. The
 * rhythm only learns from completed days, so a burst does not raise its own bar.
 *
 * <p>Input: complaints, keyed by grid. Output: an alert for the most severe hot window at each complaint (the
 * suppressor merges repeats), and when the grid has cooled down — no window within {@link #STILL_HOT_WITHIN} of the
 * threshold at a check one shortest window after the last alert — a recovery notice ({@code recoveredAt} set). Time:
 * event time, when complaints became known (one
 * that reaches GridWatch more than a shortest window after it was reported is history and not counted); complaints
 * wait until the watermark passes them and are then taken in event-time order, interleaved with the re-checks, so a
 * replay and the live run, or a run restored from a checkpoint, reach the same alerts. An alert lists the latest
 * {@link #MAX_EVIDENCE} complaints of its window as evidence and counts them all, so a mass incident neither bloats the record nor costs
 * more per complaint: the windows are counted as complaints enter and leave them ({@link SlidingWindows}). State:
 * complaints waiting for the watermark, the complaints of the longest window, the count of the current hour, the
 * rhythm, the open alert and its re-check; all dropped by a timer four half-lives after the grid's last complaint,
 * when its history has all but faded.
 * Rules: reloadable while running ({@link RulesAwareFunction}).
 */
public final class GridHotspotDetector extends RulesAwareFunction<String, Complaint, Alert> {

    private static final long serialVersionUID = 1L;

    /** {@code grid_hotspot}: the grid's learnt level, rhythm and over-dispersion. */
    private static final ValueStateDescriptor<Rhythm> RHYTHM =
            new ValueStateDescriptor<>("hotspot-rhythm", TypeInformation.of(Rhythm.class));

    /** {@code grid_hotspot}: the hotspot alert raised last and not yet recovered. */
    private static final ValueStateDescriptor<Alert> OPEN_HOTSPOT =
            new ValueStateDescriptor<>("open-hotspot", TypeInformation.of(Alert.class));

    /** {@code grid_hotspot}: complaints waiting for the watermark, by their event time. */
    private static final MapStateDescriptor<Long, List<HotspotEntry>> PENDING_COMPLAINTS = new MapStateDescriptor<>(
            "pending-complaints", Types.LONG, Types.LIST(TypeInformation.of(HotspotEntry.class)));

    /** {@code grid_hotspot}: when the open hotspot is checked for having cooled down. */
    private static final ValueStateDescriptor<Long> HOTSPOT_RECHECK = new ValueStateDescriptor<>("hotspot-recheck", Types.LONG);

    /** {@code grid_hotspot}: when the grid's state is dropped if no complaint comes. */
    private static final ValueStateDescriptor<Long> HOTSPOT_EXPIRY = new ValueStateDescriptor<>("hotspot-expiry", Types.LONG);

    public static final String NAME = "grid_hotspot";

    /** The most complaints an alert lists as evidence (the latest ones); its count counts them all. */
    static final int MAX_EVIDENCE = Alert.MAX_EVIDENCE_IDS;

    /**
     * A hotspot is over when no window's chance is within this factor of the threshold: hysteresis, so a grid hovering
     * at the bar is not warned, cleared and warned again.
     */
    static final double STILL_HOT_WITHIN = 10;

    /** The grid's complaints in its windows, by the order they were taken ({@link SlidingWindows}). */
    private static final MapStateDescriptor<Long, HotspotEntry> WINDOW_COMPLAINTS = new MapStateDescriptor<>(
            "window-complaints", Types.LONG, TypeInformation.of(HotspotEntry.class));

    /** Per resident, how many of their complaints each window holds. */
    private static final MapStateDescriptor<String, int[]> WINDOW_RESIDENTS = new MapStateDescriptor<>(
            "window-residents", Types.STRING, TypeInformation.of(int[].class));

    /** Where the windows stand. */
    private static final ValueStateDescriptor<WindowCursor> WINDOW_CURSOR =
            new ValueStateDescriptor<>("window-cursor", TypeInformation.of(WindowCursor.class));

    /** The residents so far of the hour the rhythm has folded up to ({@link Rhythm#foldedUntil}). */
    private static final MapStateDescriptor<String, Boolean> HOUR_RESIDENTS =
            new MapStateDescriptor<>("baseline-hour-residents", Types.STRING, Types.BOOLEAN);

    /** How many {@link #HOUR_RESIDENTS} there are: counted as they come, so a mass incident costs no rescans. */
    private static final ValueStateDescriptor<Integer> HOUR_COUNT =
            new ValueStateDescriptor<>("baseline-hour-resident-count", Types.INT);

    /** When the grid began to be watched: alerts within a baseline half-life after it are learning (学习期). */
    private static final ValueStateDescriptor<Long> WATCHED_SINCE =
            new ValueStateDescriptor<>("hotspot-watched-since", Types.LONG);

    private final GridRegistry registry;
    private transient ValueState<Long> watchedSince;
    private transient SlidingWindows windows;
    private transient MapState<String, Boolean> hourResidents;
    private transient ValueState<Integer> hourCount;
    private transient ValueState<Rhythm> rhythm;
    private transient ValueState<Alert> open;
    private transient ValueState<Long> expiry;
    private transient ValueState<Long> recheck;
    private transient EventTimeBuffer<HotspotEntry> pending;

    public GridHotspotDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        windows = new SlidingWindows(getRuntimeContext().getMapState(WINDOW_COMPLAINTS),
                getRuntimeContext().getMapState(WINDOW_RESIDENTS), getRuntimeContext().getState(WINDOW_CURSOR));
        hourResidents = getRuntimeContext().getMapState(HOUR_RESIDENTS);
        hourCount = getRuntimeContext().getState(HOUR_COUNT);
        rhythm = getRuntimeContext().getState(RHYTHM);
        watchedSince = getRuntimeContext().getState(WATCHED_SINCE);
        open = getRuntimeContext().getState(OPEN_HOTSPOT);
        expiry = getRuntimeContext().getState(HOTSPOT_EXPIRY);
        recheck = getRuntimeContext().getState(HOTSPOT_RECHECK);
        pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(PENDING_COMPLAINTS),
                Comparator.comparing(HotspotEntry::eventId));
    }

    @Override
    public void processElement(Complaint complaint, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long at = ctx.timestamp();
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        if (at - complaint.knownAt().toEpochMilli() > rules(ctx).gridHotspot().forStreet(grid.street()).windows().get(0)
                .toMillis()) {
            // Reported more than a shortest window before it reached GridWatch (an intake's backlog pushed at once):
            // history, not the grid's load now. Counted, a backlog would look like a burst.
            return;
        }
        // Held until the watermark passes it: complaints and the grid's re-checks are then taken in event-time
        // order, so the outcome depends neither on arrival order nor on how far the watermark lags behind.
        pending.hold(at, new HotspotEntry(complaint.eventId(), at, Residents.of(complaint)), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Grid grid = registry.find(ctx.getCurrentKey()).orElseThrow();
        GridHotspotRule rule = rules(ctx).gridHotspot().forStreet(grid.street());
        for (HotspotEntry complaint : pending.release(timestamp)) {
            take(complaint, grid, rule, ctx, out);
        }
        if (expiry.value() != null && timestamp == expiry.value()) {
            windows.clear();
            hourResidents.clear();
            hourCount.clear();
            rhythm.clear();
            open.clear();
            recheck.clear();
            expiry.clear();
        } else if (recheck.value() != null && timestamp == recheck.value()) {
            recheck(timestamp, grid, rule, ctx, out);
        }
    }

    /** One complaint, in event-time order: learn, count the windows ending at it, alert when one is hot. */
    private void take(HotspotEntry complaint, Grid grid, GridHotspotRule rule, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        long at = complaint.at();
        Rhythm before = rhythm.value();
        if (WatchStarts.isMarker(complaint.eventId())) {
            if (before == null && watchedSince.value() == null) {
                watchedSince.update(at);
            }
            return;
        }
        long hour = Math.floorDiv(at, Rhythm.HOUR) * Rhythm.HOUR;
        int counted = hourCount.value() == null ? 0 : hourCount.value();
        Rhythm current = before == null
                ? Rhythm.startingAt(hour) : before.foldUntil(hour, counted, CityTime.ZONE, rule);
        if (before == null || current.foldedUntil() != before.foldedUntil()) {
            hourResidents.clear(); // the first of the hour now being counted
            counted = 0;
        }
        if (!hourResidents.contains(complaint.complainant())) {
            hourResidents.put(complaint.complainant(), true);
            hourCount.update(counted + 1);
        }
        rhythm.update(current);
        SlidingWindows.Added added = windows.add(complaint, rule.windows());
        // Only the windows the resident is new to are tested: a repeat caller changes no window's count.
        Alert alert = mostExtreme(grid, rule, current, added.cursor(), added.joined(), at, 1);
        Long since = watchedSince.value();
        if (alert != null && since != null && at < since + rule.baselineHalfLife().toMillis()) {
            alert = WatchStarts.learning(alert, Instant.ofEpochMilli(since), rule.baselineHalfLife());
        }
        if (alert != null) {
            if (recheck.value() == null) {
                recheck.update(at + rule.windows().get(0).toMillis());
                ctx.timerService().registerEventTimeTimer(recheck.value());
            }
            open.update(alert);
            out.collect(alert);
        }
        Long oldExpiry = expiry.value();
        if (oldExpiry != null && !oldExpiry.equals(recheck.value())) {
            pending.deleteTimerUnlessHeld(oldExpiry, ctx.timerService()); // the timer may serve a complaint too
        }
        long expiresAt = at + rule.baselineHalfLife().multipliedBy(4).toMillis();
        expiry.update(expiresAt);
        ctx.timerService().registerEventTimeTimer(expiresAt);
    }

    /**
     * One shortest window after the last check: still hot (within {@link #STILL_HOT_WITHIN} of the threshold), check
     * again later; cooled down, say so.
     */
    private void recheck(long timestamp, Grid grid, GridHotspotRule rule, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        Alert raised = open.value();
        WindowCursor now = windows.advanceTo(timestamp, rule.windows());
        boolean[] every = new boolean[now.distinct().length];
        Arrays.fill(every, true);
        if (mostExtreme(grid, rule, rhythm.value(), now, every, timestamp, STILL_HOT_WITHIN) != null) {
            recheck.update(timestamp + rule.windows().get(0).toMillis());
            ctx.timerService().registerEventTimeTimer(recheck.value());
            return;
        }
        recheck.clear();
        open.clear();
        out.collect(raised.recovered(Instant.ofEpochMilli(timestamp), HotspotMessages.recovered(grid, raised.level())));
    }

    /**
     * The alert for the most severe hot window among those {@code tested} ending at {@code now}
     * ({@link HottestWindow}), or {@code null} when none is hot.
     */
    private Alert mostExtreme(Grid grid, GridHotspotRule rule, Rhythm usual, WindowCursor at, boolean[] tested,
            long now, double margin) throws Exception {
        HottestWindow hot = HottestWindow.find(rule, usual, at.distinct(), tested, now, margin);
        if (hot == null) {
            return null;
        }
        int count = SlidingWindows.count(at, hot.index());
        List<HotspotEntry> latest = windows.latest(at, hot.index(), MAX_EVIDENCE);
        List<String> eventIds = latest.stream().map(HotspotEntry::eventId).toList();
        Instant first = Instant.ofEpochMilli(windows.oldest(at, hot.index()).at());
        Instant last = Instant.ofEpochMilli(latest.get(latest.size() - 1).at());
        String message = HotspotMessages.raised(hot.level(), grid, rule.windows().get(hot.index()), count,
                at.distinct()[hot.index()], hot.expected(), hot.p());
        return Alert.builder(NAME, hot.level()).grid(grid).window(first, last).evidence(count, eventIds)
                .message(message).createdAt(last).build();
    }
}
