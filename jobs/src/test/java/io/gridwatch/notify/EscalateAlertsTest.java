package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.testing.ExpectedAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who is told what and when: first notice, escalation on event time, acknowledgement, recovery, silences. */
@Tag("harness")
class EscalateAlertsTest {

    /** Red: 30 minutes per tier, as in the default policy. */
    private final Alert red = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.RED, 4, DAY_1, DAY_2, List.of("C-1", "C-2", "C-3"));
    private final Instant raised = red.createdAt();
    private KeyedTwoInputStreamOperatorTestHarness<String, Alert, LifecycleEvent, Dispatch> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new EscalateAlerts(NotificationRoutes.logOnly("http://kibana/app/dashboards"), GridRegistry.sample()),
                Alert::alertId, LifecycleEvent::alertId, Types.STRING);
        harness.processWatermark2(new Watermark(Long.MAX_VALUE)); // the lifecycle topic carries no event time, as in the job
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsTheGridLeadThenEscalatesToCommunityAndStreetAsDeadlinesPass() throws Exception {
        harness.processElement1(red, raised.toEpochMilli());
        assertThat(dispatched()).singleElement().satisfies(d -> {
            assertThat(d.tier()).isEqualTo(Tier.GRID_LEAD);
            assertThat(d.recipient()).isEqualTo("G-XF-01-01/grid_lead");
            assertThat(d.notice().title()).isEqualTo("【红色预警】幸福里第一网格 矛盾纠纷反复");
            assertThat(d.at()).isEqualTo(raised);
        });

        harness.processWatermark1(new Watermark(raised.plus(Duration.ofMinutes(29)).toEpochMilli()));
        assertThat(dispatched()).as("not yet due").hasSize(1);

        harness.processWatermark1(new Watermark(raised.plus(Duration.ofMinutes(30)).toEpochMilli()));
        harness.processWatermark1(new Watermark(raised.plus(Duration.ofMinutes(60)).toEpochMilli()));
        harness.processWatermark1(new Watermark(raised.plus(Duration.ofDays(1)).toEpochMilli()));

        assertThat(dispatched()).extracting(Dispatch::tier, Dispatch::recipient, Dispatch::at).containsExactly(
                org.assertj.core.api.Assertions.tuple(Tier.GRID_LEAD, "G-XF-01-01/grid_lead", raised),
                org.assertj.core.api.Assertions.tuple(Tier.COMMUNITY, "东湖街道/幸福里社区/community", raised.plus(Duration.ofMinutes(30))),
                org.assertj.core.api.Assertions.tuple(Tier.STREET, "东湖街道/street", raised.plus(Duration.ofMinutes(60))));
        assertThat(dispatched().get(1).notice().text()).contains("该预警30分钟内无人签收，已升级至社区");
        assertThat(harness.getSideOutput(EscalateAlerts.ESCALATIONS)).extracting(StreamRecord::getValue)
                .extracting(Escalation::to).containsExactly(Tier.COMMUNITY, Tier.STREET);
    }

    @Test
    void staysQuietWhenTheAlertIsAcknowledgedBeforeItsDeadline() throws Exception {
        harness.processElement1(red, raised.toEpochMilli());
        harness.processElement2(new LifecycleEvent(red.alertId(), "acknowledged", "王建国", raised.plusSeconds(60), null), 0);

        harness.processWatermark1(new Watermark(raised.plus(Duration.ofDays(2)).toEpochMilli()));

        assertThat(dispatched()).extracting(Dispatch::tier).containsExactly(Tier.GRID_LEAD);
        assertThat(harness.getSideOutput(EscalateAlerts.ESCALATIONS)).isNull();
        assertThat(harness.numEventTimeTimers()).as("only the timer that forgets the alert").isEqualTo(1);
    }

    @Test
    void stopsEscalatingWhenTheCommunityActs() throws Exception {
        harness.processElement1(red, raised.toEpochMilli());
        harness.processWatermark1(new Watermark(raised.plus(Duration.ofMinutes(45)).toEpochMilli()));
        harness.processElement2(new LifecycleEvent(red.alertId(), "resolved", "社区书记", raised.plus(Duration.ofMinutes(50)), "已调解"), 0);

        harness.processWatermark1(new Watermark(raised.plus(Duration.ofDays(1)).toEpochMilli()));

        assertThat(dispatched()).extracting(Dispatch::tier).containsExactly(Tier.GRID_LEAD, Tier.COMMUNITY);
    }

    @Test
    void sendsUpdatesNeverAndTheRecoveryToEveryoneNotified() throws Exception {
        harness.processElement1(red, raised.toEpochMilli());
        harness.processElement1(red, raised.toEpochMilli()); // re-emitted by suppression with more evidence, or replayed
        harness.processWatermark1(new Watermark(raised.plus(Duration.ofMinutes(30)).toEpochMilli()));
        harness.processElement1(red.recovered(raised.plus(Duration.ofMinutes(40)), "热点已回落"), raised.toEpochMilli());
        harness.processElement1(red.recovered(raised.plus(Duration.ofMinutes(40)), "热点已回落"), raised.toEpochMilli());
        harness.processWatermark1(new Watermark(raised.plus(Duration.ofDays(1)).toEpochMilli()));

        assertThat(dispatched()).extracting(d -> d.tier() + " " + d.notice().idempotencyKey()).containsExactly(
                "GRID_LEAD " + red.alertId() + ":G-XF-01-01/grid_lead",
                "COMMUNITY " + red.alertId() + ":东湖街道/幸福里社区/community:escalated",
                "GRID_LEAD " + red.alertId() + ":G-XF-01-01/grid_lead:recovered",
                "COMMUNITY " + red.alertId() + ":东湖街道/幸福里社区/community:recovered");
    }

    @Test
    void staysQuietForSilencedAlertsAndAlertsStaffTookOnBeforeTheyArrived() throws Exception {
        Silence festival = new Silence("S-1", null, null, "东湖街道", DAY_1, DAY_2.plusSeconds(3600), "国庆游园活动", "值班长");
        harness.processElement1(red.silencedBy(festival), raised.toEpochMilli());
        Alert other = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.RED, 4, DAY_1, DAY_2, List.of("C-7", "C-8", "C-9"));
        harness.processElement2(new LifecycleEvent(other.alertId(), "acknowledged", "王建国", raised, null), 0);
        harness.processElement1(other, raised.toEpochMilli());

        harness.processWatermark1(new Watermark(raised.plus(Duration.ofDays(1)).toEpochMilli()));

        assertThat(dispatched()).isEmpty();
    }

    @Test
    void forgetsTheAlertAfterAMonthWithItsTimers() throws Exception {
        harness.processElement1(red, raised.toEpochMilli());
        harness.processElement2(new LifecycleEvent("never-seen", "acknowledged", "王建国", raised, null), 0);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark1(new Watermark(raised.plus(EscalateAlerts.REMEMBER).toEpochMilli()));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private List<Dispatch> dispatched() {
        return harness.extractOutputValues();
    }
}
