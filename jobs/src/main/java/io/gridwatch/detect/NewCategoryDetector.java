package io.gridwatch.detect;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.NewCategoryRule;
import io.gridwatch.common.rules.Rules;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * {@code new_category} (新类型问题): the first complaint of a watched category in a grid within the look-back.
 *
 * <p>Input: complaints, keyed by {@link #KEY} (grid and category); those of categories the rules in force do not watch
 * are ignored.
 * A complaint with no earlier one of its category in the grid within {@code lookback} raises a yellow alert; every
 * complaint renews the look-back. Output: one alert per first complaint. Time: event time; complaints wait in an
 * {@link EventTimeBuffer} until the watermark passes them and are taken in event-time order, so the earliest is the
 * one reported, whatever order they arrive in. State: complaints waiting for the watermark, and when the look-back
 * after the latest complaint ends, cleared by an event-time timer then, so a quiet category leaves nothing behind.
 *
 * <p>Learning (学习期): a job started without history has seen no earlier complaint of any kind, and would report every
 * grid's first complaint of each watched category as new — a flood on day one. So each grid and watched category is
 * watched from a {@link WatchStarts#complaints} marker (the job's start, or a replayed or warm-start history's first event), and
 * until the look-back after it is covered a first complaint raises no alert: it is counted in
 * {@code gridwatch.new-category-learning} and starts the look-back like any other. The start is kept per key, for good:
 * a restored job's markers are ignored where one was taken. Rules: reloadable while running
 * ({@link RulesAwareFunction}); a category watched only by rules published later has no start, and no learning.
 */
public final class NewCategoryDetector extends RulesAwareFunction<String, Complaint, Alert> {

    private static final long serialVersionUID = 1L;

    /** {@code new_category}: complaints waiting for the watermark ({@link io.gridwatch.detect.EventTimeBuffer}). */
    private static final MapStateDescriptor<Long, List<Complaint>> PENDING_FIRSTS = new MapStateDescriptor<>(
            "pending-category-complaints", Types.LONG, Types.LIST(Types.POJO(Complaint.class)));

    /** {@code new_category}: when the look-back after the latest complaint of the category in the grid ends. */
    private static final ValueStateDescriptor<Long> CATEGORY_LOOKBACK_END =
            new ValueStateDescriptor<>("category-lookback-end", Types.LONG);

    public static final String NAME = "new_category";

    /** One kind of trouble in one grid. */
    public static final KeySelector<Complaint, String> KEY = c -> c.gridId() + "|" + c.category().wireName();

    /** When this grid and category began to be watched: until a look-back after it, firsts are not new. */
    private static final ValueStateDescriptor<Long> WATCHED_SINCE =
            new ValueStateDescriptor<>("category-watched-since", Types.LONG);

    private final GridRegistry registry;
    private transient ValueState<Long> watchedSince;
    private transient Counter learning;
    private transient ValueState<Long> lookbackEnd;
    private transient EventTimeBuffer<Complaint> pending;

    public NewCategoryDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        lookbackEnd = getRuntimeContext().getState(CATEGORY_LOOKBACK_END);
        watchedSince = getRuntimeContext().getState(WATCHED_SINCE);
        learning = getRuntimeContext().getMetricGroup().addGroup("gridwatch").counter("new-category-learning");
        pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(PENDING_FIRSTS),
                Comparator.comparing(Complaint::eventId));
    }

    @Override
    public void processElement(Complaint complaint, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        pending.hold(ctx.timestamp(), complaint, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (lookbackEnd.value() != null && timestamp == lookbackEnd.value()) {
            lookbackEnd.clear(); // the look-back has passed: the next complaint of the category is a first again
        }
        for (Complaint complaint : pending.release(timestamp)) {
            take(complaint, timestamp, ctx, out);
        }
    }

    private void take(Complaint complaint, long at, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (WatchStarts.isMarker(complaint)) {
            if (watchedSince.value() == null && lookbackEnd.value() == null) {
                watchedSince.update(at);
            }
            return;
        }
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        NewCategoryRule rule = rules(ctx).newCategory().forContext(grid.street(), complaint.category());
        if (!rule.categories().contains(complaint.category())) {
            return; // not watched under the rules now in force
        }
        Duration lookback = rule.lookback();
        Long end = lookbackEnd.value();
        Long since = watchedSince.value();
        if (end == null && since != null && at < since + lookback.toMillis()) {
            learning.inc(); // not yet a look-back watched: a first here says nothing new
        } else if (end == null) {
            String message = String.format(
                    "【黄色预警·新类型问题】%s：%s出现%s以来首例%s投诉（%s），请网格长%s及早了解情况、提前介入。",
                    Alerts.place(grid), CityTime.inMessages(complaint.occurredAt()), Alerts.span(lookback),
                    complaint.category().label(), Alerts.address(complaint.subject()), grid.leadName());
            out.collect(Alerts.of(NAME, AlertLevel.YELLOW, grid, complaint.category().wireName(), List.of(complaint),
                    message));
        }
        long renewedEnd = at + lookback.toMillis();
        if (end == null || renewedEnd > end) {
            if (end != null) {
                pending.deleteTimerUnlessHeld(end, ctx.timerService());
            }
            lookbackEnd.update(renewedEnd);
            ctx.timerService().registerEventTimeTimer(renewedEnd);
        }
    }
}
