package io.gridwatch.topology;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.notify.DeliverNotices;
import io.gridwatch.notify.Dispatch;
import io.gridwatch.notify.EscalateAlerts;
import io.gridwatch.notify.Escalation;
import io.gridwatch.notify.FailedNotice;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.notify.channel.RetryingDelivery;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The notification stage of the topology: grid leads are told of alerts, unacknowledged ones escalate to the community
 * and the street, everyone told hears when an alert recovers, and each recipient's notices are rate limited into
 * digests. Acknowledgements and resolutions on the lifecycle stream stop escalation.
 */
public final class NotifyStaff {

    private NotifyStaff() {}

    /** Where notices go and how sending them is retried. */
    public record Settings(NotificationRoutes routes, RetryingDelivery delivery) {}

    /** What notifying leaves to be written: escalations for the alert history, notices that could not be sent. */
    public record Outputs(DataStream<Escalation> escalations, DataStream<FailedNotice> failed) {}

    /** @param horizon notices and escalations due after it are not sent ({@link Instant#MAX} when live) */
    static Outputs build(DataStream<Alert> alerts, DataStream<LifecycleEvent> lifecycle, Settings settings,
            GridRegistry registry, Instant horizon) {
        SingleOutputStreamOperator<Dispatch> dispatches = alerts.keyBy(Alert::alertId, Types.STRING)
                .connect(lifecycle.keyBy(LifecycleEvent::alertId, Types.STRING))
                .process(new EscalateAlerts(settings.routes(), registry), TypeInformation.of(Dispatch.class))
                .uid(OperatorIds.ESCALATE_ALERTS)
                .name("Decide notices and escalations");
        SingleOutputStreamOperator<Void> delivered = EarlyWarningTopology.dueBy(horizon, dispatches, Dispatch::at,
                        "Notices")
                .keyBy(Dispatch::recipient, Types.STRING)
                .process(new DeliverNotices(settings.routes(), registry, settings.delivery()), Types.VOID)
                .uid(OperatorIds.DELIVER_NOTICES)
                .name("Deliver notices, rate limited");
        return new Outputs(
                EarlyWarningTopology.dueBy(horizon, dispatches.getSideOutput(EscalateAlerts.ESCALATIONS),
                        Escalation::at, "Escalations"),
                delivered.getSideOutput(DeliverNotices.FAILED_NOTICES));
    }
}
