package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.notify.Notification;
import io.gridwatch.notify.channel.RetryingDelivery;
import io.gridwatch.testing.ExpectedAlerts;
import io.gridwatch.testing.RecordingServer;
import io.gridwatch.testing.RecordingServer.Answer;
import io.gridwatch.testing.RecordingServer.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing per tier, rate limiting into digests, and dead-lettering, against a real local HTTP server. */
@Tag("harness")
class DeliverNoticesTest {

    private static final RetryingDelivery TWO_TRIES = new RetryingDelivery(2, Duration.ofMillis(5), Duration.ofMillis(5));
    private static final Grid GRID_A = GridRegistry.sample().find("G-XF-01-01").orElseThrow();
    private static final Grid VILLAGE = GridRegistry.sample().find("G-CN-01-01").orElseThrow();

    @TempDir
    Path dir;

    @Test
    void routesEachTierToItsOwnChannel() throws Exception {
        try (RecordingServer hook = new RecordingServer(Answer.ok("ok"));
                var harness = harness(routes(hook, 5))) {
            harness.processElement(dispatch(GRID_A, Tier.GRID_LEAD, "A", DAY_2), 0);
            harness.processElement(dispatch(GRID_A, Tier.COMMUNITY, "A", DAY_2), 0);
            harness.processElement(dispatch(GRID_A, Tier.STREET, "A", DAY_2), 0);
            harness.processElement(dispatch(VILLAGE, Tier.GRID_LEAD, "B", DAY_2), 0);

            assertThat(hook.requests()).extracting(RecordingServer.Request::query)
                    .containsExactly("to=lead-a", "to=xingfuli", "to=donghu", "to=changhe");
            assertThat(hook.requests().get(1).headers().get("Idempotency-key")).containsExactly(
                    "A:%E4%B8%9C%E6%B9%96%E8%A1%97%E9%81%93/%E5%B9%B8%E7%A6%8F%E9%87%8C%E7%A4%BE%E5%8C%BA/community");
            assertThat(hook.requests().get(1).body()).contains("\"idempotencyKey\":\"A:东湖街道/幸福里社区/community\"");
        }
    }

    @Test
    void foldsABurstBeyondTheRateLimitIntoOneDigestWhenTheWindowCloses() throws Exception {
        try (RecordingServer hook = new RecordingServer(Answer.ok("ok"));
                var harness = harness(routes(hook, 2))) {
            for (int i = 1; i <= 5; i++) {
                harness.processElement(dispatch(GRID_A, Tier.GRID_LEAD, "A" + i, DAY_2.plusSeconds(i)), 0);
            }
            assertThat(hook.requests()).as("two one by one, three held").hasSize(2);

            harness.processWatermark(new Watermark(DAY_2.plus(Duration.ofMinutes(10)).toEpochMilli()));
            assertThat(hook.requests()).as("the window opened with the first notice, at 1 s").hasSize(2);
            harness.processWatermark(new Watermark(DAY_2.plus(Duration.ofMinutes(11)).toEpochMilli()));

            assertThat(hook.requests()).hasSize(3);
            String digest = hook.requests().get(2).body();
            assertThat(digest).contains("【预警汇总】网格长王建国（幸福里第一网格） 另有3条通知")
                    .contains("A3 title").contains("A4 title").contains("A5 title").doesNotContain("A1 title");

            harness.processWatermark(new Watermark(DAY_2.plus(Duration.ofMinutes(21)).toEpochMilli()));
            assertThat(hook.requests()).as("nothing more").hasSize(3);
            assertThat(harness.numKeyedStateEntries()).as("quiet windows leave no state").isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void staysQuietUnderTheLimitAndOpensAFreshWindowAfterwards() throws Exception {
        try (RecordingServer hook = new RecordingServer(Answer.ok("ok"));
                var harness = harness(routes(hook, 2))) {
            harness.processElement(dispatch(GRID_A, Tier.GRID_LEAD, "A1", DAY_2), 0);
            harness.processElement(dispatch(GRID_A, Tier.GRID_LEAD, "A2", DAY_2), 0);
            harness.processWatermark(new Watermark(DAY_2.plus(Duration.ofMinutes(10)).toEpochMilli()));
            harness.processElement(dispatch(GRID_A, Tier.GRID_LEAD, "A3", DAY_2.plus(Duration.ofMinutes(11))), 0);

            assertThat(hook.requests()).extracting(r -> r.body().contains("汇总")).containsExactly(false, false, false);
        }
    }

    @Test
    void deadLettersANoticeThatCannotBeDelivered() throws Exception {
        try (RecordingServer down = new RecordingServer(Answer.status(502));
                var harness = harness(routes(down, 5))) {
            harness.processElement(dispatch(GRID_A, Tier.GRID_LEAD, "A", DAY_2), 0);

            assertThat(harness.getSideOutput(DeliverNotices.FAILED_NOTICES)).extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(failed -> {
                        assertThat(failed.alertId()).isEqualTo("A");
                        assertThat(failed.recipient()).isEqualTo("G-XF-01-01/grid_lead");
                        assertThat(failed.attempts()).isEqualTo(2);
                        assertThat(failed.lastError()).isEqualTo("127.0.0.1 answered 502");
                    });
        }
    }

    @Test
    void sendsTheAlertNoticeWithGridLevelEvidenceAndDashboardLink() throws Exception {
        Alert alert = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.ORANGE, 3, DAY_1, DAY_2, List.of("C-1", "C-2", "C-3"));
        String recipient = Tier.GRID_LEAD.recipient(GRID_A);
        try (RecordingServer hook = new RecordingServer(Answer.ok("ok"));
                var harness = harness(routes(hook, 5))) {
            harness.processElement(new Dispatch(alert.alertId(), alert.gridId(), Tier.GRID_LEAD, recipient,
                    AlertNotices.of(alert, recipient, "http://kibana:5601/app/dashboards", null), alert.createdAt()), 0);

            assertThat(hook.requests()).singleElement().satisfies(request -> {
                assertThat(request.body()).contains("【橙色预警】幸福里第一网格 矛盾纠纷反复")
                        .contains("东湖街道 / 幸福里社区 / 幸福里第一网格").contains("证据3条")
                        .contains("#/view/gridwatch-grid-detail").contains("G-XF-01-01").contains(alert.alertId());
                assertThat(request.headers().get("Idempotency-key")).containsExactly(alert.alertId() + ":G-XF-01-01/grid_lead");
            });
        }
    }

    private static Dispatch dispatch(Grid grid, Tier tier, String alertId, Instant at) {
        String recipient = tier.recipient(grid);
        return new Dispatch(alertId, grid.gridId(), tier, recipient,
                new Notification(alertId + ":" + recipient, alertId + " title", alertId + " text"), at);
    }

    private NotificationRoutes routes(RecordingServer server, int maxPerWindow) throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: webhook, webhook_env: CHANGHE }
                grids:
                  G-XF-01-01: { channel: webhook, webhook_env: LEAD_A }
                communities:
                  幸福里社区: { channel: webhook, webhook_env: XINGFULI }
                streets:
                  东湖街道: { channel: webhook, webhook_env: DONGHU }
                rate_limit: { max: %d, per: 10m }
                """.formatted(maxPerWindow));
        return NotificationRoutes.load(yaml, Map.of(
                "LEAD_A", server.url("/hook?to=lead-a").toString(),
                "XINGFULI", server.url("/hook?to=xingfuli").toString(),
                "DONGHU", server.url("/hook?to=donghu").toString(),
                "CHANGHE", server.url("/hook?to=changhe").toString())::get);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Dispatch, Void> harness(NotificationRoutes routes)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DeliverNotices(routes, GridRegistry.sample(), TWO_TRIES), Dispatch::recipient, Types.STRING);
    }
}
