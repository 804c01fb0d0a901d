package io.gridwatch.notify;

import static io.gridwatch.job.StateAndSideOutputs.NOTICE_SENT;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.job.StateAndSideOutputs;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each alert to its grid's lead (网格长) through the channel the routes give that grid, once.
 *
 * <p>Input: alerts to publish, keyed by {@link #KEY} (alert id and its recovery state: an alert's updates share a
 * key, its recovery notice has its own). Output: nothing on the main output; a notice that cannot be delivered after
 * the retries goes to the {@code FAILED_NOTICES} side output for the dead-letter topic. State: whether the notice
 * was delivered, checkpointed, so that a restart or a replay, and suppression re-emitting a merged alert under the
 * same id, never send it twice; cleared by an event-time timer {@link #REMEMBER} after the alert. Delivery blocks
 * the task while it retries: a slow chat service slows alerting rather than losing notices.
 */
public final class NotifyAlerts extends KeyedProcessFunction<String, Alert, Alert> {

    private static final long serialVersionUID = 1L;

    /** One notice: an alert, or its recovery. */
    public static final org.apache.flink.api.java.functions.KeySelector<Alert, String> KEY =
            a -> a.alertId() + (a.recoveredAt() != null ? ":recovered" : "");

    /** How long a sent notice is remembered; replays older than this may send again. */
    static final Duration REMEMBER = Duration.ofDays(30);

    private final NotificationRoutes routes;
    private final GridRegistry registry;
    private final RetryingDelivery delivery;
    private transient ValueState<Boolean> sent;
    private transient Counter delivered;
    private transient Counter failed;

    public NotifyAlerts(NotificationRoutes routes, GridRegistry registry, RetryingDelivery delivery) {
        this.routes = routes;
        this.registry = registry;
        this.delivery = delivery;
    }

    @Override
    public void open(OpenContext openContext) {
        sent = getRuntimeContext().getState(NOTICE_SENT);
        delivered = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("notices").counter("delivered");
        failed = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("notices").counter("failed");
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        if (Boolean.TRUE.equals(sent.value())) {
            return;
        }
        Grid grid = registry.find(alert.gridId()).orElseThrow();
        // ASCII: the recipient is part of the idempotency key, which travels in an HTTP header.
        String recipient = grid.gridId() + "/grid_lead";
        Notification notice = AlertNotices.of(alert, recipient, routes.dashboardUrl());
        RetryingDelivery.Outcome outcome = delivery.deliver(routes.channelFor(grid), notice);
        if (outcome.delivered()) {
            delivered.inc();
            sent.update(true);
            ctx.timerService().registerEventTimeTimer(alert.createdAt().plus(REMEMBER).toEpochMilli());
        } else {
            failed.inc();
            ctx.output(StateAndSideOutputs.FAILED_NOTICES, new FailedNotice(alert.alertId(), recipient, notice,
                    outcome.attempts(), outcome.lastError()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) {
        sent.clear();
    }
}
