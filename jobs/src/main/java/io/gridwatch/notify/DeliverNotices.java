package io.gridwatch.notify;

import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.notify.channel.RetryingDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends notices through each recipient's channel, with a rate limit: within a window of
 * {@link NotifyPolicy#window()} a recipient gets at most {@link NotifyPolicy#maxPerWindow()} notices one by one;
 * the rest are held and go out together as one digest when the window closes, so a burst of alerts does not bury a
 * grid lead's phone.
 *
 * <p>Input: dispatches keyed by {@link Dispatch#recipient()}. Output: nothing on the main output; a notice (or
 * digest) that cannot be delivered after the retries goes to {@code FAILED_NOTICES} for the dead-letter topic.
 * Time: a window opens at the first notice (at the later of its time and the watermark) and closes by an event-time
 * timer. State: the window and the held notices, cleared when a window closes with nothing held. Delivery blocks the
 * task while it retries: a slow chat service slows alerting rather than losing notices.
 */
public final class DeliverNotices extends KeyedProcessFunction<String, Dispatch, Void> {

    private static final long serialVersionUID = 1L;

    /** Delivery: the recipient's current rate-limit window. */
    private static final ValueStateDescriptor<RateWindow> RATE_WINDOW =
            new ValueStateDescriptor<>("rate-window", TypeInformation.of(RateWindow.class));

    /** Delivery: notices held back by the rate limit, for the digest at the end of the window. */
    private static final ListStateDescriptor<Dispatch> HELD_NOTICES =
            new ListStateDescriptor<>("held-notices", TypeInformation.of(Dispatch.class));

    /** Notices that could not be delivered after their retries, on their way to the dead-letter topic. */
    public static final OutputTag<FailedNotice> FAILED_NOTICES =
            new OutputTag<>("failed-notices", TypeInformation.of(FailedNotice.class));

    private final NotificationRoutes routes;
    private final GridRegistry registry;
    private final RetryingDelivery delivery;
    private transient ValueState<RateWindow> window;
    private transient ListState<Dispatch> held;
    private transient Counter delivered;
    private transient Counter failed;
    private transient Counter digested;

    public DeliverNotices(NotificationRoutes routes, GridRegistry registry, RetryingDelivery delivery) {
        this.routes = routes;
        this.registry = registry;
        this.delivery = delivery;
    }

    @Override
    public void open(OpenContext openContext) {
        window = getRuntimeContext().getState(RATE_WINDOW);
        held = getRuntimeContext().getListState(HELD_NOTICES);
        var metrics = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("notices");
        delivered = metrics.counter("delivered");
        failed = metrics.counter("failed");
        digested = metrics.counter("digested");
    }

    @Override
    public void processElement(Dispatch dispatch, Context ctx, Collector<Void> out) throws Exception {
        RateWindow current = window.value();
        if (current == null) {
            long start = Math.max(dispatch.at().toEpochMilli(), ctx.timerService().currentWatermark());
            current = new RateWindow(start + routes.policy().window().toMillis(), 0);
            ctx.timerService().registerEventTimeTimer(current.end());
        }
        if (current.sent() < routes.policy().maxPerWindow()) {
            send(dispatch, ctx);
            current = current.plusOne();
        } else {
            held.add(dispatch);
        }
        window.update(current);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Void> out) throws Exception {
        List<Dispatch> waiting = new ArrayList<>();
        held.get().forEach(waiting::add);
        held.clear();
        if (waiting.isEmpty()) {
            window.clear();
            return;
        }
        Dispatch first = waiting.get(0);
        Grid grid = registry.find(first.gridId()).orElseThrow();
        Notification digest = AlertNotices.digest(first.recipient(), first.tier().addressee(grid),
                waiting.stream().map(Dispatch::notice).toList(), Instant.ofEpochMilli(timestamp), routes.dashboardUrl());
        digested.inc(waiting.size());
        send(new Dispatch(String.join(",", waiting.stream().map(Dispatch::alertId).toList()), first.gridId(),
                first.tier(), first.recipient(), digest, Instant.ofEpochMilli(timestamp)), ctx);
        // The digest counts against the next window, which opens now.
        RateWindow next = new RateWindow(timestamp + routes.policy().window().toMillis(), 1);
        ctx.timerService().registerEventTimeTimer(next.end());
        window.update(next);
    }

    private void send(Dispatch dispatch, Context ctx) throws InterruptedException {
        Grid grid = registry.find(dispatch.gridId())
                .orElseThrow(() -> new IllegalStateException("notice for unknown grid " + dispatch.gridId()));
        RetryingDelivery.Outcome outcome = delivery.deliver(routes.channelFor(grid, dispatch.tier()), dispatch.notice());
        if (outcome.delivered()) {
            delivered.inc();
        } else {
            failed.inc();
            ctx.output(FAILED_NOTICES, new FailedNotice(dispatch.alertId(), dispatch.recipient(), dispatch.notice(),
                    outcome.attempts(), outcome.lastError()));
        }
    }
}
