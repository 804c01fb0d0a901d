package io.gridwatch.alerts;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.RulesAwareFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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
 * recovery notice ({@code recoveredAt} set) marks the open alert recovered, under its id, and every earlier alert of
 * the same condition that a higher level or a later alert replaced (yellow → orange → red): each of them was told to
 * staff and escalates until it is recovered. Output: alerts to index and publish. Rules: cool-downs are reloadable
 * while running ({@link RulesAwareFunction}); an open alert keeps the cool-down it started with — its end is kept in
 * state, never recomputed from rules that may have changed since, so the timer deleted is always the one set. Time:
 * event time. State: the open alert and the end of its cool-down, cleared by an event-time timer then, so a key that
 * goes quiet leaves nothing behind — except for the detectors that announce recoveries (named by the topology): their
 * open alert and the alerts it replaced are kept until the recovery, which they always send, so the notice reaches
 * every alert staff saw, however long the condition lasted.
 */
public final class AlertSuppressor extends RulesAwareFunction<String, Alert, Alert> {

    private static final long serialVersionUID = 1L;

    /** Suppression: the alert currently open for a detector and key, within its cool-down. */
    private static final ValueStateDescriptor<Alert> ACTIVE_ALERT =
            new ValueStateDescriptor<>("active-alert", TypeInformation.of(Alert.class));

    /** One thing a detector reports on. */
    public static final KeySelector<Alert, String> KEY = a -> a.detector() + "|" + a.gridId() + "|" + a.key();


    /** The end of the open alert's cool-down: the time of its timer. */
    private static final ValueStateDescriptor<Long> COOL_DOWN_END =
            new ValueStateDescriptor<>("cool-down-end", Types.LONG);

    /** Of a {@link #recovering} detector: the earlier alerts of the open condition, waiting for its recovery. */
    private static final ListStateDescriptor<Alert> REPLACED =
            new ListStateDescriptor<>("replaced-alerts", TypeInformation.of(Alert.class));

    private transient ValueState<Alert> active;
    private transient ValueState<Long> coolDownEnd;
    private transient ListState<Alert> replaced;

    /** Detectors that send a recovery notice for every alert they raise: their open alert waits for it. */
    private final Set<String> recovering;

    /** @param recovering the detectors that send a recovery notice for every alert they raise */
    public AlertSuppressor(Rules rules, Set<String> recovering) {
        super(rules);
        this.recovering = Set.copyOf(recovering);
    }

    @Override
    public void open(OpenContext openContext) {
        active = getRuntimeContext().getState(ACTIVE_ALERT);
        coolDownEnd = getRuntimeContext().getState(COOL_DOWN_END);
        replaced = getRuntimeContext().getListState(REPLACED);
    }

    @Override
    public void processElement(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Alert open = active.value();
        if (alert.recoveredAt() != null) {
            // The condition ended: the notice goes out under the id of every alert staff were told of, and the
            // cool-down ends with it.
            if (open != null) {
                for (Alert earlier : replaced.get()) {
                    out.collect(earlier.recovered(alert.recoveredAt(), alert.message()));
                }
                out.collect(open.recovered(alert.recoveredAt(), alert.message()));
                clear(ctx);
            } else {
                out.collect(alert);
            }
            return;
        }
        Long end = coolDownEnd.value();
        if (open != null && end != null && alert.createdAt().toEpochMilli() < end
                && alert.level().compareTo(open.level()) <= 0) {
            Alert merged = merge(open, alert);
            active.update(merged);
            out.collect(merged);
            return;
        }
        if (open != null && recovering.contains(open.detector())) {
            replaced.add(open);
        }
        if (end != null) {
            ctx.timerService().deleteEventTimeTimer(end);
        }
        long newEnd = alert.createdAt().plus(rules(ctx).cooldown(alert.detector(), alert.street())).toEpochMilli();
        active.update(alert);
        coolDownEnd.update(newEnd);
        ctx.timerService().registerEventTimeTimer(newEnd);
        out.collect(alert);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long end = coolDownEnd.value();
        if (end != null && timestamp != end) {
            return; // not the open alert's timer
        }
        // (No end kept with an open alert: its timer was set by a version that did not keep it; this is it.)
        Alert open = active.value();
        if (open != null && recovering.contains(open.detector())) {
            coolDownEnd.clear(); // the cool-down is over; the alert stays open for its recovery
        } else {
            clear(ctx);
        }
    }

    private void clear(ReadOnlyContext ctx) throws Exception {
        Long end = coolDownEnd.value();
        if (end != null) {
            ctx.timerService().deleteEventTimeTimer(end);
        }
        active.clear();
        coolDownEnd.clear();
        replaced.clear();
    }

    /**
     * The open alert with the new evidence added; its id, level and creation time stay. Its count grows by the
     * update's evidence it did not list yet: exact as long as an update brings no more new evidence than an alert
     * lists ({@link Alert#MAX_EVIDENCE_IDS}) — detectors raise theirs one match or one complaint at a time.
     */
    static Alert merge(Alert open, Alert update) {
        Set<String> seen = new HashSet<>(open.eventIds());
        List<String> eventIds = new ArrayList<>(open.eventIds());
        int added = 0;
        for (String id : update.eventIds()) {
            if (seen.add(id)) {
                eventIds.add(id);
                added++;
            }
        }
        Instant start = open.windowStart().isBefore(update.windowStart()) ? open.windowStart() : update.windowStart();
        Instant end = open.windowEnd().isAfter(update.windowEnd()) ? open.windowEnd() : update.windowEnd();
        int count = update.eventIds().isEmpty() ? Math.max(open.count(), update.count()) : open.count() + added;
        Alert merged = open.toBuilder().window(start, end).evidence(count, eventIds)
                .message(update.message() + "（冷却期内续报，已合并至同一预警，累计证据" + count + "条）")
                .recoveredAt(null).silence(null).build();
        // Held back as the open alert was (a detector's learning period): an update is not news to send.
        return open.silence() == null ? merged : merged.silencedBy(open.silence());
    }
}
