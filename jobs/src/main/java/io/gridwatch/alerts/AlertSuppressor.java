package io.gridwatch.alerts;

import static io.gridwatch.job.StateAndSideOutputs.ACTIVE_ALERT;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.RulesAwareFunction;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.Collector;

/**
 * Suppression (预警抑制与合并): within a cool-down the same detector and key raise one alert, not many.
 *
 * <p>Input: alerts as detectors raise them, keyed by {@link #KEY} (detector, grid and key). The first alert opens a
 * cool-down of the detector's {@code cooldown} (by the grid's street) from its {@code createdAt}. Within it, an alert
 * of a higher level is emitted as it is and opens a new cool-down; an alert of the same or a lower level is merged
 * into the open one: its evidence is added, {@code count}, {@code windowStart} and {@code windowEnd} (last seen)
 * follow, and the merged alert is emitted again under the open alert's id, so Elasticsearch updates the document in
 * place. Whether an alert falls within the cool-down is decided by its {@code createdAt}, not by whether the
 * cool-down's timer has fired yet, so the outcome does not depend on how far this operator's watermark lags. A
 * recovery notice ({@code recoveredAt} set) marks the open alert recovered, under its id. Output: alerts to index and
 * publish. Rules: cool-downs are reloadable while running ({@link RulesAwareFunction}); an open alert's timer keeps
 * the cool-down it started with. Time: event time. State: the open alert, cleared by an event-time timer at the end
 * of its cool-down, so a key that goes quiet leaves nothing behind — except for the detectors that announce recoveries
 * ({@link #RECOVERING}): their open alert is kept until the recovery, which they always send, so the notice reaches
 * the alert staff saw, however long the condition lasted.
 */
public final class AlertSuppressor extends RulesAwareFunction<String, Alert> {

    private static final long serialVersionUID = 1L;

    /** One thing a detector reports on. */
    public static final KeySelector<Alert, String> KEY = a -> a.detector() + "|" + a.gridId() + "|" + a.key();

    /** Detectors that send a recovery notice for every alert they raise: their open alert waits for it. */
    static final Set<String> RECOVERING = Set.of(GridHotspotDetector.NAME);

    private transient ValueState<Alert> active;

    public AlertSuppressor(Rules rules) {
        super(rules);
    }

    @Override
    public void open(OpenContext openContext) {
        active = getRuntimeContext().getState(ACTIVE_ALERT);
    }

    @Override
    public void processElement(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Alert open = active.value();
        if (alert.recoveredAt() != null) {
            // The condition ended: the notice goes out under the open alert's id, and the cool-down ends with it.
            if (open != null) {
                ctx.timerService().deleteEventTimeTimer(coolDownEnd(ctx, open).toEpochMilli());
                active.clear();
                out.collect(open.recovered(alert.recoveredAt(), alert.message()));
            } else {
                out.collect(alert);
            }
            return;
        }
        if (open != null && alert.createdAt().isBefore(coolDownEnd(ctx, open)) && alert.level().compareTo(open.level()) <= 0) {
            Alert merged = merge(open, alert);
            active.update(merged);
            out.collect(merged);
            return;
        }
        if (open != null) {
            ctx.timerService().deleteEventTimeTimer(coolDownEnd(ctx, open).toEpochMilli());
        }
        active.update(alert);
        ctx.timerService().registerEventTimeTimer(coolDownEnd(ctx, alert).toEpochMilli());
        out.collect(alert);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (!RECOVERING.contains(active.value().detector())) {
            active.clear();
        }
    }

    private Instant coolDownEnd(ReadOnlyContext ctx, Alert alert) throws Exception {
        return alert.createdAt().plus(rules(ctx).cooldown(alert.detector(), alert.street()));
    }

    /** The open alert with the new evidence added; its id, level and creation time stay. */
    static Alert merge(Alert open, Alert update) {
        TreeSet<String> seen = new TreeSet<>(open.eventIds());
        List<String> eventIds = new ArrayList<>(open.eventIds());
        for (String id : update.eventIds()) {
            if (seen.add(id)) {
                eventIds.add(id);
            }
        }
        Instant start = open.windowStart().isBefore(update.windowStart()) ? open.windowStart() : update.windowStart();
        Instant end = open.windowEnd().isAfter(update.windowEnd()) ? open.windowEnd() : update.windowEnd();
        int count = eventIds.isEmpty() ? Math.max(open.count(), update.count()) : eventIds.size();
        return new Alert(
                open.alertId(), open.detector(), open.level(), open.gridId(), open.gridName(), open.community(),
                open.street(), open.district(), open.key(), start, end, count, eventIds,
                update.message() + "（冷却期内续报，已合并至同一预警，累计证据" + count + "条）",
                open.createdAt(), open.location());
    }
}
