package io.gridwatch.notify;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.notify.channel.MarkdownText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Chinese messages recipients get: an alert (the grid, the detector in plain words, the level, the count and
 * time window, the evidence, and a link to the dashboard filtered to the grid), its escalation, its recovery, and the
 * digest of a burst. Carries no personal data: alert messages never contain complainants' names or phone numbers,
 * and numbers residents wrote into an address are masked. The alert's message, which repeats resident-written text,
 * is made inert Markdown ({@link MarkdownText#inert}).
 * A new or escalated alert's notice ends with the recipient's signed link to the action page (签收 / 办结 / 误报), when
 * links are configured ({@link ActionLinks}). Idempotency keys are {@code alertId:recipient}, with {@code :escalated} or {@code :recovered} for those notices.
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

    /**
     * The notice of a new alert, or the short "已恢复" notice of a recovered one; {@code actionLink}, the recipient's
     * signed link to act on it, or {@code null}.
     */
    public static Notification of(Alert alert, String recipient, String dashboardUrl, String actionLink) {
        if (alert.recoveredAt() != null) {
            return new Notification(alert.alertId() + ":" + recipient + ":recovered",
                    "【已恢复】" + alert.gridName() + " " + what(alert),
                    "**【已恢复】" + CityTime.inMessages(alert.recoveredAt()) + "**\n\n" + MarkdownText.inert(alert.message()));
        }
        String title = title(alert);
        return new Notification(alert.alertId() + ":" + recipient, title,
                "### " + title + "\n\n" + body(alert, dashboardUrl, actionLink));
    }

    /** The notice to {@code tier} of an alert nobody acknowledged within {@code waited}. */
    public static Notification escalated(
            Alert alert, Tier tier, String recipient, Duration waited, String dashboardUrl, String actionLink) {
        String title = "【升级至" + tier.label() + "】" + title(alert);
        return new Notification(alert.alertId() + ":" + recipient + ":escalated", title,
                "### " + title + "\n\n**该预警" + hours(waited) + "内无人签收，已升级至" + tier.label() + "，请督办。**\n\n"
                        + body(alert, dashboardUrl, actionLink));
    }

    /** One message for the notices held back from {@code addressee} by the rate limit, in the order they came. */
    public static Notification digest(
            String recipient, String addressee, List<Notification> held, Instant windowEnd, String dashboardUrl) {
        StringBuilder text = new StringBuilder("### 【预警汇总】" + addressee + "：另有" + held.size() + "条通知\n\n"
                + "截至" + CityTime.inMessages(windowEnd) + "，为避免刷屏，以下通知合并发送：\n\n");
        held.forEach(notice -> text.append("- ").append(notice.title()).append('\n'));
        text.append("\n[在看板中查看](").append(dashboardUrl).append(')');
        return new Notification(recipient + ":digest:" + windowEnd.toEpochMilli(),
                "【预警汇总】" + addressee + " 另有" + held.size() + "条通知", text.toString());
    }

    /** The detector in plain Chinese words. */
    public static String plainName(String detector) {
        return DETECTORS.getOrDefault(detector, detector);
    }

    private static String what(Alert alert) {
        return plainName(alert.detector());
    }

    private static String title(Alert alert) {
        return "【" + alert.level().label() + "预警】" + alert.gridName() + " " + what(alert);
    }

    /** The last line holds the links, so that a notice cut to its channel's limit keeps them ({@link MarkdownText#fit}). */
    private static String body(Alert alert, String dashboardUrl, String actionLink) {
        return "- 网格：" + alert.street() + " / " + alert.community() + " / " + alert.gridName()
                + "（" + alert.gridId() + "）\n"
                + "- 类型：" + what(alert) + "\n"
                + "- 等级：" + alert.level().label() + "\n"
                + "- 时间：" + CityTime.inMessages(alert.windowStart()) + " 至 " + CityTime.inMessages(alert.windowEnd())
                + "，证据" + alert.count() + "条\n\n"
                + MarkdownText.inert(alert.message()) + "\n\n"
                + (actionLink == null ? "" : "[处置该预警：签收 / 办结 / 误报](" + actionLink + ") · ")
                + "[在看板中查看该网格](" + dashboardUrl + "#/view/gridwatch-grid-detail?_a=(query:(language:kuery,query:'gridId:\""
                + URLEncoder.encode(alert.gridId(), StandardCharsets.UTF_8) + "\"'))) · 预警编号 " + alert.alertId();
    }

    private static String hours(Duration waited) {
        long minutes = waited.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + "小时" : minutes + "分钟";
    }
}
