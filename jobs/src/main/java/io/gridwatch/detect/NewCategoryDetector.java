package io.gridwatch.detect;

import static io.gridwatch.job.StateAndSideOutputs.LAST_OF_CATEGORY;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.NewCategoryRule;
import io.gridwatch.common.rules.Rules;
import java.time.Duration;
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
 * complaint renews the look-back. Output: one alert per first complaint. Time: event time; complaints are taken in
 * arrival order, so of two first complaints arriving out of order the one that arrived first is reported. State: the
 * time of the latest complaint, cleared by an event-time timer when the look-back after it has passed, so a quiet
 * category leaves nothing behind. Note that after a fresh start without history every first complaint is new.
 * Rules: reloadable while running ({@link RulesAwareFunction}).
 */
public final class NewCategoryDetector extends RulesAwareFunction<String, Complaint> {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "new_category";

    /** One kind of trouble in one grid. */
    public static final KeySelector<Complaint, String> KEY = c -> c.gridId() + "|" + c.category().wireName();

    private final GridRegistry registry;
    private transient ValueState<Long> lastSeen;

    public NewCategoryDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        lastSeen = getRuntimeContext().getState(LAST_OF_CATEGORY);
    }

    @Override
    public void processElement(Complaint complaint, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        NewCategoryRule rule = rules(ctx).newCategory().forContext(grid.street(), complaint.category());
        if (!rule.categories().contains(complaint.category())) {
            return; // not watched under the rules now in force
        }
        Duration lookback = rule.lookback();
        long at = complaint.occurredAt().toEpochMilli();
        Long previous = lastSeen.value();
        if (previous == null) {
            String message = String.format(
                    "【黄色预警·新类型问题】%s：%s出现%s以来首例%s投诉（%s），请网格长%s及早了解情况、提前介入。",
                    Alerts.place(grid), Alerts.localTime(complaint.occurredAt()), Alerts.span(lookback),
                    complaint.category().label(), complaint.subject().address(), grid.leadName());
            out.collect(Alerts.of(NAME, AlertLevel.YELLOW, grid, complaint.category().wireName(), List.of(complaint),
                    message));
        }
        if (previous == null || at > previous) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous + lookback.toMillis());
            }
            lastSeen.update(at);
            ctx.timerService().registerEventTimeTimer(at + lookback.toMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) {
        lastSeen.clear();
    }
}
