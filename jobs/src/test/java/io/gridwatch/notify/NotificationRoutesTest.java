package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.alert.AlertLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify.yaml: routes, escalation deadlines and rate limit, validated when the job starts. */
@Tag("unit")
class NotificationRoutesTest {

    @TempDir
    Path dir;

    @Test
    void readsEscalationAndRateLimitKeepingDefaultsForWhatIsLeftOut() throws Exception {
        NotificationRoutes routes = load("""
                escalation: { red: 15m }
                rate_limit: { max: 3 }
                """, Map.of());

        assertThat(routes.policy().escalateAfter(AlertLevel.RED)).isEqualTo(Duration.ofMinutes(15));
        assertThat(routes.policy().escalateAfter(AlertLevel.ORANGE)).isEqualTo(Duration.ofHours(4));
        assertThat(routes.policy().escalateAfter(AlertLevel.YELLOW)).isEqualTo(Duration.ofHours(24));
        assertThat(routes.policy().maxPerWindow()).isEqualTo(3);
        assertThat(routes.policy().window()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesToStartWithABadDeadlineOrLimitNamingTheKey() {
        assertThatThrownBy(() -> load("escalation: { orange: soon }\n", Map.of()))
                .hasMessage("escalation.orange: 'soon' is not a duration like 7d, 12h, 30m or 45s");
        assertThatThrownBy(() -> load("rate_limit: { max: 0 }\n", Map.of()))
                .hasMessage("rate_limit.max must be at least 1, was 0");
    }

    @Test
    void refusesToStartWithoutTheEnvironmentVariableARouteNames() throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: dingtalk, webhook_env: DT_URL, secret_env: DT_SECRET }
                """);

        assertThatThrownBy(() -> NotificationRoutes.load(yaml, Map.of("DT_URL", "https://oapi.dingtalk.com/robot/send")::get))
                .hasMessage("environment variable DT_SECRET is not set");
    }

    @Test
    void refusesAWebhookOverPlainHttpUnlessNamedOrOnLoopback() throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: wecom, webhook_env: WECOM_URL }
                """);

        assertThatThrownBy(() -> NotificationRoutes.load(yaml, Map.of("WECOM_URL", "http://qyapi.example/send?key=K")::get))
                .hasMessageStartingWith("environment variable WECOM_URL holds an http:// URL")
                .hasMessageEndingWith("name WECOM_URL in notify.allow-insecure-http");
        assertThatThrownBy(() -> NotificationRoutes.load(yaml, Map.of("WECOM_URL", "qyapi.example/send")::get))
                .hasMessage("environment variable WECOM_URL must hold an https:// URL with a host");
        assertThat(NotificationRoutes.load(yaml, Map.of("WECOM_URL", "http://qyapi.example/send?key=K")::get,
                Set.of("WECOM_URL"))).isNotNull();
        assertThat(NotificationRoutes.load(yaml, Map.of("WECOM_URL", "http://127.0.0.1:8080/send")::get)).isNotNull();
        assertThat(NotificationRoutes.load(yaml, Map.of("WECOM_URL", "https://qyapi.weixin.qq.com/send?key=K")::get))
                .isNotNull();
    }

    @Test
    void signsActionLinksOnlyToAnHttpsServerWithTheKeySet() throws Exception {
        String key = "k".repeat(32);
        NotificationRoutes routes = load("action_links: { base_url: https://gw.example.gov.cn, valid_for: 3d }\n",
                Map.of("GRIDWATCH_LINK_KEY", key));
        String link = routes.actionLink("A-1", "G-XF-01-01/grid_lead", Instant.parse("2026-03-02T02:00:00Z"));

        assertThat(link).startsWith("https://gw.example.gov.cn/a/A-1?r=G-XF-01-01%2Fgrid_lead&e="
                + Instant.parse("2026-03-05T02:00:00Z").getEpochSecond() + "&s=");
        assertThat(load("", Map.of()).actionLink("A-1", "G-XF-01-01/grid_lead", Instant.now())).isNull();
        assertThatThrownBy(() -> load("action_links: { base_url: https://gw.example.gov.cn }\n", Map.of()))
                .hasMessageContaining("action_links needs the environment variable GRIDWATCH_LINK_KEY");
        assertThatThrownBy(() -> load("action_links: { base_url: http://gw.example.gov.cn }\n", Map.of("GRIDWATCH_LINK_KEY", key)))
                .hasMessageContaining("action_links.base_url must be an https:// URL");
    }

    private NotificationRoutes load(String more, Map<String, String> env) throws Exception {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: log }
                """ + more);
        return NotificationRoutes.load(yaml, env::get);
    }
}
