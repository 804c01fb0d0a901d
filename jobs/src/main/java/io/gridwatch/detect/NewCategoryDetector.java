package io.gridwatch.detect;

import static io.gridwatch.job.StateAndSideOutputs.CATEGORY_LOOKBACK_END;
import static io.gridwatch.job.StateAndSideOutputs.PENDING_FIRSTS;

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
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.functions.KeySelector;
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
 * after the latest complaint ends, cleared by an event-time timer then, so a quiet category leaves nothing behind. Note that after a fresh start without history every first complaint is new.
 * Rules: reloadable while running ({@link RulesAwareFunction}).
 */
public final class NewCategoryDetector extends RulesAwareFunction<String, Complaint> {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "new_category";

    /** One kind of trouble in one grid. */
    public static final KeySelector<Complaint, String> KEY = c -> c.gridId() + "|" + c.category().wireName();

    private final GridRegistry registry;
    private transient ValueState<Long> lookbackEnd;
    private transient EventTimeBuffer<Complaint> pending;

    public NewCategoryDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        lookbackEnd = getRuntimeContext().getState(CATEGORY_LOOKBACK_END);
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
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        NewCategoryRule rule = rules(ctx).newCategory().forContext(grid.street(), complaint.category());
        if (!rule.categories().contains(complaint.category())) {
            return; // not watched under the rules now in force
        }
        Duration lookback = rule.lookback();
        Long end = lookbackEnd.value();
        if (end == null) {
            String message = String.format(
                    "【黄色预警·新类型问题】%s：%s出现%s以来首例%s投诉（%s），请网格长%s及早了解情况、提前介入。",
                    Alerts.place(grid), Alerts.localTime(complaint.occurredAt()), Alerts.span(lookback),
                    complaint.category().label(), complaint.subject().address(), grid.leadName());
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
