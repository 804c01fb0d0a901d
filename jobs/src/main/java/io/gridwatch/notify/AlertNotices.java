package io.gridwatch.notify;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.detect.Alerts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Chinese message a recipient gets for an alert: the grid, the detector in plain words, the level, the count and
 * time window, the evidence, and a link to the dashboard filtered to the grid. Carries no personal data: alert
 * messages never contain complainants' names or phone numbers.
 */
public final class AlertNotices {

    /** Detectors in plain words, for people who do not know the rule names. */
    static final Map<String, String> DETECTORS = Map.of(
            "repeated_dispute", "矛盾纠纷反复",
            "overdue_response", "诉求超时未响应",
            "escalating_dispute", "纠纷升级（防止民转刑）",
            "patrol_gap", "网格走访缺位",
            "new_category", "新类型问题",
            "grid_hotspot", "网格诉求热点",
            "cluster_hotspot", "片区联动热点");

    private AlertNotices() {}

    /** The notice of a new or updated alert, or the short "已恢复" notice of a recovered one. */
    public static Notification of(Alert alert, String recipient, String dashboardUrl) {
        String what = DETECTORS.getOrDefault(alert.detector(), alert.detector());
        String key = alert.alertId() + ":" + recipient + (alert.recoveredAt() != null ? ":recovered" : "");
        if (alert.recoveredAt() != null) {
            return new Notification(key, "【已恢复】" + alert.gridName() + " " + what,
                    "**【已恢复】" + Alerts.localTime(alert.recoveredAt()) + "**\n\n" + alert.message());
        }
        String title = "【" + alert.level().label() + "预警】" + alert.gridName() + " " + what;
        String text = "### " + title + "\n\n"
                + "- 网格：" + alert.street() + " / " + alert.community() + " / " + alert.gridName()
                + "（" + alert.gridId() + "）\n"
                + "- 类型：" + what + "\n"
                + "- 等级：" + alert.level().label() + "\n"
                + "- 时间：" + Alerts.localTime(alert.windowStart()) + " 至 " + Alerts.localTime(alert.windowEnd())
                + "，证据" + alert.count() + "条\n\n"
                + alert.message() + "\n\n"
                + "[在看板中查看该网格](" + dashboardUrl + "#/view/gridwatch-grid-detail?_a=(query:(language:kuery,query:'gridId:\""
                + URLEncoder.encode(alert.gridId(), StandardCharsets.UTF_8) + "\"'))) · 预警编号 " + alert.alertId();
        return new Notification(key, title, text);
    }
}
