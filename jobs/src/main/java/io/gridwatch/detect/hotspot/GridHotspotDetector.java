package io.gridwatch.detect.hotspot;

import static io.gridwatch.job.StateAndSideOutputs.BASELINE;
import static io.gridwatch.job.StateAndSideOutputs.HOTSPOT_EXPIRY;
import static io.gridwatch.job.StateAndSideOutputs.HOTSPOT_RECHECK;
import static io.gridwatch.job.StateAndSideOutputs.OPEN_HOTSPOT;
import static io.gridwatch.job.StateAndSideOutputs.PENDING_COMPLAINTS;
import static io.gridwatch.job.StateAndSideOutputs.RECENT_COMPLAINTS;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.stats.Poisson;
import io.gridwatch.detect.Alerts;
import io.gridwatch.detect.EventTimeBuffer;
import io.gridwatch.detect.RulesAwareFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.Collector;

/**
 * {@code grid_hotspot} (网格热点): far more complaints in a grid than that grid usually has.
 *
 * <p>The statistic. Each grid's baseline is an EWMA of its hourly complaint counts ({@link Baseline}), starting
 * from and never below {@code prior_per_day / 24}. At each complaint, for every window {@code w} (e.g. 1 h, 24 h)
 * ending at it, the count {@code k} of complaints in the window is compared with the count a usual day would bring,
 * {@code λ = baseline × w}, by the Poisson upper tail {@code p = P(X ≥ k | λ)}: the chance of seeing that many by
 * luck. A window is a hotspot when {@code p < yellow_p} (orange, red for smaller p), it holds at least
 * {@code min_count} complaints, and they come from at least {@code min_distinct_complainants} residents. The
 * baseline only learns from completed hours, so a burst does not raise its own bar.
 *
 * <p>Input: complaints, keyed by grid. Output: an alert for the most extreme hot window at each complaint (the
 * suppressor merges repeats), and when the grid has cooled down — no window hot at a check one shortest window after
 * the last alert — a recovery notice ({@code recoveredAt} set). Time: event time; complaints wait until the watermark
 * passes them and are then taken in event-time order, interleaved with the re-checks, so a replay and the live run,
 * or a run restored from a checkpoint, reach the same alerts. State: complaints waiting for the watermark, the
 * complaints of the longest window (pruned at every complaint), the baseline, the open alert and its re-check; all
 * dropped by a timer four half-lives after the grid's last complaint, when its baseline is back at the prior.
 * Rules: reloadable while running ({@link RulesAwareFunction}).
 */
public final class GridHotspotDetector extends RulesAwareFunction<String, Complaint> {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "grid_hotspot";

    private final GridRegistry registry;
    private transient ListState<HotspotEntry> recent;
    private transient ValueState<Baseline> baseline;
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
        recent = getRuntimeContext().getListState(RECENT_COMPLAINTS);
        baseline = getRuntimeContext().getState(BASELINE);
        open = getRuntimeContext().getState(OPEN_HOTSPOT);
        expiry = getRuntimeContext().getState(HOTSPOT_EXPIRY);
        recheck = getRuntimeContext().getState(HOTSPOT_RECHECK);
        pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(PENDING_COMPLAINTS),
                Comparator.comparing(HotspotEntry::eventId));
    }

    @Override
    public void processElement(Complaint complaint, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        // Held until the watermark passes it: complaints and the grid's re-checks are then taken in event-time
        // order, so the outcome depends neither on arrival order nor on how far the watermark lags behind.
        long at = complaint.occurredAt().toEpochMilli();
        pending.hold(at, new HotspotEntry(complaint.eventId(), at, complainantOf(complaint)), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Grid grid = registry.find(ctx.getCurrentKey()).orElseThrow();
        GridHotspotRule rule = rules(ctx).gridHotspot().forStreet(grid.street());
        for (HotspotEntry complaint : pending.release(timestamp)) {
            take(complaint, grid, rule, ctx, out);
        }
        if (expiry.value() != null && timestamp == expiry.value()) {
            recent.clear();
            baseline.clear();
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
        List<HotspotEntry> entries = new ArrayList<>();
        recent.get().forEach(entries::add);
        Baseline current = learn(baseline.value(), entries, at, rule);
        entries.removeIf(e -> e.at() <= at - rule.longestWindow().toMillis());
        entries.add(complaint);
        recent.update(entries);
        baseline.update(current);

        Alert alert = mostExtreme(grid, rule, current, entries, at);
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

    /** One shortest window after the last check: still hot, check again later; cooled down, say so. */
    private void recheck(long timestamp, Grid grid, GridHotspotRule rule, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        Alert raised = open.value();
        List<HotspotEntry> entries = new ArrayList<>();
        recent.get().forEach(entries::add);
        if (mostExtreme(grid, rule, baseline.value(), entries, timestamp) != null) {
            recheck.update(timestamp + rule.windows().get(0).toMillis());
            ctx.timerService().registerEventTimeTimer(recheck.value());
            return;
        }
        recheck.clear();
        open.clear();
        out.collect(raised.recovered(Instant.ofEpochMilli(timestamp), String.format(
                "【已恢复·网格热点】%s：群众诉求量已回落至平时水平，%s预警解除。", Alerts.place(grid), raised.level().label())));
    }

    /** The baseline with every completed hour before {@code now} folded in. */
    static Baseline learn(Baseline baseline, List<HotspotEntry> entries, long now, GridHotspotRule rule) {
        long hourOfNow = Math.floorDiv(now, Baseline.HOUR) * Baseline.HOUR;
        if (baseline == null) {
            return new Baseline(rule.priorPerDay() / 24, hourOfNow);
        }
        double alpha = Baseline.alpha(rule.baselineHalfLife());
        Baseline folded = baseline;
        while (folded.foldedUntil() < hourOfNow) {
            long hourStart = folded.foldedUntil();
            int count = (int) entries.stream().filter(e -> e.at() >= hourStart && e.at() < hourStart + Baseline.HOUR).count();
            if (count > 0) {
                folded = folded.fold(count, alpha);
            } else {
                // Skip straight to the next hour that has complaints, or to now.
                long next = entries.stream().mapToLong(HotspotEntry::at).filter(t -> t >= hourStart).min().orElse(hourOfNow);
                long emptyHours = Math.max(1, (Math.min(next, hourOfNow) - hourStart) / Baseline.HOUR);
                folded = folded.foldEmpty(emptyHours, alpha);
            }
        }
        return folded;
    }

    /** The alert for the most extreme hot window ending at {@code now}, or {@code null} when none is hot. */
    private static Alert mostExtreme(Grid grid, GridHotspotRule rule, Baseline baseline, List<HotspotEntry> entries, long now) {
        double perHour = Math.max(baseline.perHour(), rule.priorPerDay() / 24);
        Alert worst = null;
        double worstP = 1;
        for (Duration window : rule.windows()) {
            List<HotspotEntry> inWindow = entries.stream()
                    .filter(e -> e.at() > now - window.toMillis() && e.at() <= now)
                    .toList();
            Set<String> residents = new HashSet<>();
            inWindow.forEach(e -> residents.add(e.complainant()));
            if (inWindow.size() < rule.minCount() || residents.size() < rule.minDistinctComplainants()) {
                continue;
            }
            double expected = perHour * window.toMillis() / Baseline.HOUR;
            double p = Poisson.upperTail(inWindow.size(), expected);
            AlertLevel level = rule.levelFor(p);
            if (level != null && p < worstP) {
                worstP = p;
                worst = alert(grid, level, window, inWindow, residents.size(), expected, p);
            }
        }
        return worst;
    }

    private static Alert alert(
            Grid grid, AlertLevel level, Duration window, List<HotspotEntry> inWindow, int residents, double expected,
            double p) {
        String message = String.format(
                "【%s预警·网格热点】%s：近%s收到群众诉求%d件（%d人反映），远高于该网格平时水平（约%.1f件，p=%.1e），"
                        + "请网格长%s排查原因、及早化解。",
                level.label(), Alerts.place(grid), Alerts.span(window), inWindow.size(), residents, expected, p,
                grid.leadName());
        List<String> eventIds = inWindow.stream().map(HotspotEntry::eventId).toList();
        Instant first = Instant.ofEpochMilli(inWindow.get(0).at());
        Instant last = Instant.ofEpochMilli(inWindow.get(inWindow.size() - 1).at());
        return new Alert(
                io.gridwatch.common.alert.AlertId.of(NAME, grid.gridId(), null, eventIds),
                NAME, level, grid.gridId(), grid.name(), grid.community(), grid.street(), grid.district(), null,
                first, last, eventIds.size(), eventIds, message, last, grid.centroid());
    }

    private static String complainantOf(Complaint complaint) {
        if (complaint.complainant() != null) {
            if (complaint.complainant().phone() != null) {
                return "phone:" + complaint.complainant().phone();
            }
            if (complaint.complainant().name() != null) {
                return "name:" + complaint.complainant().name();
            }
        }
        return "anonymous:" + complaint.eventId();
    }
}
