package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.job.StateAndSideOutputs;
import io.gridwatch.notify.RecordingServer.Answer;
import io.gridwatch.testing.ExpectedAlerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing, once-only delivery and dead-lettering of notices, against a real local HTTP server. */
class NotifyAlertsTest {

    private static final RetryingDelivery TWO_TRIES = new RetryingDelivery(2, Duration.ofMillis(5), Duration.ofMillis(5));
    private final Alert alert = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.ORANGE, 3, DAY_1, DAY_2, List.of("C-1", "C-2", "C-3"));

    @TempDir
    Path dir;

    @Test
    void sendsEachNoticeOnceThroughTheGridsRouteAndAgainOnlyForRecovery() throws Exception {
        try (RecordingServer hook = new RecordingServer(Answer.ok("ok"));
                var harness = harness(routes("东湖街道", hook))) {
            harness.processElement(alert, DAY_2.toEpochMilli());
            harness.processElement(alert, DAY_2.toEpochMilli()); // re-emitted by suppression, or replayed
            harness.processElement(alert.recovered(DAY_2.plusSeconds(3600), "已恢复"), DAY_2.toEpochMilli());

            assertThat(hook.requests()).hasSize(2);
            String first = hook.requests().get(0).body();
            assertThat(first).contains("【橙色预警】幸福里第一网格 矛盾纠纷反复").contains("东湖街道 / 幸福里社区 / 幸福里第一网格")
                    .contains("证据3条").contains("#/view/gridwatch-grid-detail").contains("G-XF-01-01").contains(alert.alertId());
            assertThat(hook.requests().get(1).body()).contains("【已恢复】");
            assertThat(hook.requests().get(0).headers().get("Idempotency-key").get(0))
                    .isEqualTo(alert.alertId() + ":G-XF-01-01/grid_lead");
        }
    }

    @Test
    void deadLettersANoticeThatCannotBeDelivered() throws Exception {
        try (RecordingServer down = new RecordingServer(Answer.status(502));
                var harness = harness(routes("东湖街道", down))) {
            harness.processElement(alert, DAY_2.toEpochMilli());

            assertThat(harness.getSideOutput(StateAndSideOutputs.FAILED_NOTICES)).extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(failed -> {
                        assertThat(failed.alertId()).isEqualTo(alert.alertId());
                        assertThat(failed.attempts()).isEqualTo(2);
                        assertThat(failed.lastError()).isEqualTo("127.0.0.1 answered 502");
                    });
            assertThat(harness.numKeyedStateEntries()).as("not remembered as sent").isZero();
        }
    }

    @Test
    void forgetsSentNoticesAfterAMonthAndRoutesOtherStreetsToTheDefault() throws Exception {
        try (RecordingServer hook = new RecordingServer(Answer.ok("ok"));
                var harness = harness(routes("长河镇", hook))) {
            harness.processElement(alert, DAY_2.toEpochMilli());
            assertThat(hook.requests()).as("东湖街道 goes to the log").isEmpty();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.processWatermark(alert.createdAt().plus(NotifyAlerts.REMEMBER).toEpochMilli());

            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void refusesToStartWithoutTheEnvironmentVariableARouteNames() throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: dingtalk, webhook_env: DT_URL, secret_env: DT_SECRET }
                """);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotificationRoutes.load(yaml, Map.of("DT_URL", "http://x")::get))
                .hasMessage("environment variable DT_SECRET is not set");
    }

    private NotificationRoutes routes(String street, RecordingServer server) throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: log }
                streets:
                  %s: { channel: webhook, webhook_env: HOOK_URL }
                """.formatted(street));
        return NotificationRoutes.load(yaml, Map.of("HOOK_URL", server.url("/hook").toString())::get);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(NotificationRoutes routes)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new NotifyAlerts(routes, GridRegistry.sample(), TWO_TRIES)),
                NotifyAlerts.KEY, Types.STRING);
        harness.open();
        return harness;
    }
}
