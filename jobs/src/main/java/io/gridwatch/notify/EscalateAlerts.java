package io.gridwatch.notify;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decides who is told what about each alert, once: the grid lead when the alert is raised; the community, then the
 * street, each time the alert's level deadline ({@link NotifyPolicy#escalateAfter}) passes without anyone acting;
 * everyone told, when the alert recovers.
 *
 * <p>Input 1: alerts after silencing, keyed by alert id (updates merged by suppression and the recovery share the
 * key). Input 2: lifecycle events from staff, keyed by alert id; any of them stops escalation. Output: one
 * {@link Dispatch} per notice, and each escalation on the {@code ESCALATIONS} side output for the alert history.
 * Silenced alerts are not sent. Time: event time; an escalation is due at the alert's {@code createdAt} plus the
 * deadline, then the deadline again per tier, so a replay escalates exactly as the live run did.
 *
 * <p>State: one {@link NoticeProgress} per alert, checkpointed, so a restart or replay, or suppression re-emitting a
 * merged alert, never sends a notice twice; dropped by a timer {@link #REMEMBER} after the alert (or after a
 * lifecycle event for an alert never seen), together with any pending escalation timer.
 */
public final class EscalateAlerts extends KeyedCoProcessFunction<String, Alert, LifecycleEvent, Dispatch> {

    private static final long serialVersionUID = 1L;

    /** Notification: who has been told of this alert, and the pending escalation. */
    private static final ValueStateDescriptor<NoticeProgress> NOTICE_PROGRESS =
            new ValueStateDescriptor<>("notice-progress", TypeInformation.of(NoticeProgress.class));

    /** Escalations of unacknowledged alerts, on their way to the alert history. */
    public static final OutputTag<Escalation> ESCALATIONS =
            new OutputTag<>("escalations", TypeInformation.of(Escalation.class));

    /** How long an alert's notices are remembered; replays older than this may send again. */
    public static final Duration REMEMBER = Duration.ofDays(30);

    private final NotificationRoutes routes;
    private final GridRegistry registry;
    private transient ValueState<NoticeProgress> progress;
    private transient Counter escalated;
    private transient Counter silenced;

    public EscalateAlerts(NotificationRoutes routes, GridRegistry registry) {
        this.routes = routes;
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        progress = getRuntimeContext().getState(NOTICE_PROGRESS);
        var metrics = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("notices");
        escalated = metrics.counter("escalated");
        silenced = metrics.counter("silenced");
    }

    @Override
    public void processElement1(Alert alert, Context ctx, Collector<Dispatch> out) throws Exception {
        NoticeProgress current = progress.value();
        if (alert.recoveredAt() != null) {
            notifyRecovery(alert, current, ctx, out);
        } else if (current != null) {
            // An update merged in by suppression, or a replay: already notified; later escalations show the latest.
            progress.update(current.withAlert(alert));
        } else if (alert.silence() != null) {
            silenced.inc();
        } else {
            Grid grid = grid(alert);
            String recipient = Tier.GRID_LEAD.recipient(grid);
            out.collect(new Dispatch(alert.alertId(), alert.gridId(), Tier.GRID_LEAD, recipient,
                    AlertNotices.of(alert, recipient, routes.dashboardUrl(),
                            routes.actionLink(alert.alertId(), recipient, alert.createdAt())), alert.createdAt()));
            long due = alert.createdAt().plus(routes.policy().escalateAfter(alert.level())).toEpochMilli();
            long forgetAt = alert.createdAt().plus(REMEMBER).toEpochMilli();
            ctx.timerService().registerEventTimeTimer(due);
            ctx.timerService().registerEventTimeTimer(forgetAt);
            progress.update(new NoticeProgress(alert, Tier.GRID_LEAD, false, false, due, forgetAt));
        }
    }

    /** Whoever was told of the alert hears that it recovered; a recovered alert no longer escalates. */
    private void notifyRecovery(Alert recovered, NoticeProgress current, Context ctx, Collector<Dispatch> out)
            throws IOException {
        if (current == null || current.reached() == null || current.recoveryNotified()) {
            return;
        }
        Grid grid = grid(recovered);
        for (Tier tier = Tier.GRID_LEAD; tier != null && tier.ordinal() <= current.reached().ordinal(); tier = tier.next()) {
            String recipient = tier.recipient(grid);
            out.collect(new Dispatch(recovered.alertId(), recovered.gridId(), tier, recipient,
                    AlertNotices.of(recovered, recipient, routes.dashboardUrl(), null), recovered.recoveredAt()));
        }
        cancelEscalation(current, ctx);
        progress.update(current.withRecoveryNotified());
    }

    @Override
    public void processElement2(LifecycleEvent event, Context ctx, Collector<Dispatch> out) throws Exception {
        NoticeProgress current = progress.value();
        if (current == null) {
            // Staff were faster than the notifier (or the alert was silenced): remember, so it is never escalated.
            long forgetAt = event.at().plus(REMEMBER).toEpochMilli();
            ctx.timerService().registerEventTimeTimer(forgetAt);
            progress.update(new NoticeProgress(null, null, false, true, NoticeProgress.NONE, forgetAt));
        } else if (!current.handled()) {
            cancelEscalation(current, ctx);
            progress.update(current.withHandled());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Dispatch> out) throws Exception {
        NoticeProgress current = progress.value();
        if (current == null) {
            return;
        }
        if (timestamp >= current.forgetAt()) {
            cancelEscalation(current, ctx);
            progress.clear();
        } else if (timestamp == current.escalationDue() && !current.handled()) {
            escalate(current, timestamp, ctx, out);
        }
    }

    private void escalate(NoticeProgress current, long due, OnTimerContext ctx, Collector<Dispatch> out)
            throws IOException {
        Alert alert = current.alert();
        Tier to = current.reached().next();
        Grid grid = grid(alert);
        String recipient = to.recipient(grid);
        Duration waited = routes.policy().escalateAfter(alert.level());
        Instant at = Instant.ofEpochMilli(due);
        out.collect(new Dispatch(alert.alertId(), alert.gridId(), to, recipient,
                AlertNotices.escalated(alert, to, recipient, waited, routes.dashboardUrl(),
                        routes.actionLink(alert.alertId(), recipient, at)), at));
        ctx.output(ESCALATIONS, new Escalation(alert.alertId(), to, at, waited));
        escalated.inc();
        long next = NoticeProgress.NONE;
        if (to.next() != null) {
            next = at.plus(waited).toEpochMilli();
            ctx.timerService().registerEventTimeTimer(next);
        }
        progress.update(current.withEscalation(to, next));
    }

    private static void cancelEscalation(NoticeProgress current, Context ctx) {
        if (current.escalationDue() != NoticeProgress.NONE) {
            ctx.timerService().deleteEventTimeTimer(current.escalationDue());
        }
    }

    private Grid grid(Alert alert) {
        return registry.find(alert.gridId()).orElseThrow(() -> new IllegalStateException("alert for unknown grid " + alert.gridId()));
    }
}
