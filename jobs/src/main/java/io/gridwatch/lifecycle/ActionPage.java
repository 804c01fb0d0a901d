package io.gridwatch.lifecycle;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.access.Action;
import io.gridwatch.common.access.ActionLink;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.notify.AlertNotices;
import io.gridwatch.query.AlertEvidence;
import java.util.List;
import java.util.Map;

/**
 * The action page of a signed link (预警处置页): the warning, its evidence and its status, with buttons 签收 / 办结 /
 * 误报 and a note, for a phone's screen inside DingTalk's or WeCom's browser. No script and no outside resource, so
 * it works in any in-app browser. Everything shown is escaped: alert messages repeat resident-written text.
 */
final class ActionPage {

    /** Status words as staff say them. */
    private static final Map<AlertLifecycle.Status, String> STATUS = Map.of(
            AlertLifecycle.Status.OPEN, "待签收",
            AlertLifecycle.Status.ACKNOWLEDGED, "已签收",
            AlertLifecycle.Status.RESOLVED, "已办结",
            AlertLifecycle.Status.FALSE_ALARM, "已判定为误报");

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0;padding:16px;max-width:640px;"
            + "line-height:1.6;color:#222}h1{font-size:1.2em;margin:0 0 8px}.level-red{color:#c62828}"
            + ".level-orange{color:#ef6c00}.level-yellow{color:#b8860b}.status{font-weight:bold}"
            + ".done{background:#e8f5e9;padding:8px;border-radius:4px}.message{background:#f5f5f5;padding:8px;"
            + "border-radius:4px}textarea{width:100%;box-sizing:border-box;min-height:4em;font-size:1em}"
            + "button{font-size:1.1em;padding:10px 18px;margin:8px 8px 0 0;border-radius:6px;border:1px solid #888}"
            + "dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px}dt{color:#666}dd{margin:0}h2{font-size:1em}ol{padding-left:1.4em}";

    private ActionPage() {}

    /** The page of {@code stored} for the holder of {@code link}; {@code done} names the action just taken, if any. */
    static String of(AlertLifecycle.StoredAlert stored, List<AlertEvidence.Item> evidence, ActionLink link,
            String signature, String csrf, Action done) {
        Alert alert = stored.alert();
        String title = "【" + alert.level().label() + "预警】" + alert.gridName() + " " + AlertNotices.plainName(alert.detector());
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + escapeHtml4(title) + "</title><style>" + STYLE
                + "</style></head><body>");
        page.append("<h1 class=\"level-").append(alert.level().wireName()).append("\">").append(escapeHtml4(title)).append("</h1>");
        if (done != null) {
            page.append("<p class=\"done\" id=\"done\">操作成功：").append(escapeHtml4(STATUS.get(AlertLifecycle.Status.reachedBy(done))))
                    .append("</p>");
        }
        page.append("<p>当前状态：<span class=\"status\" id=\"status\">").append(STATUS.get(stored.status())).append("</span>");
        if (stored.acknowledgedBy() != null) {
            page.append("（签收人：").append(escapeHtml4(stored.acknowledgedBy())).append("）");
        }
        page.append("</p><dl>")
                .append(row("网格", alert.street() + " / " + alert.community() + " / " + alert.gridName() + "（" + alert.gridId() + "）"))
                .append(row("类型", AlertNotices.plainName(alert.detector())))
                .append(row("等级", alert.level().label()))
                .append(row("时间", CityTime.inMessages(alert.windowStart()) + " 至 " + CityTime.inMessages(alert.windowEnd())))
                .append(row("证据", alert.count() + "条：" + String.join("、", alert.eventIds())))
                .append(row("预警编号", alert.alertId()))
                .append("</dl><p class=\"message\">").append(escapeHtml4(alert.message())).append("</p>");
        if (!evidence.isEmpty()) {
            page.append("<h2>证据</h2><ol id=\"evidence\">");
            for (AlertEvidence.Item item : evidence) {
                page.append("<li>").append(escapeHtml4(CityTime.inMessages(item.at()) + " " + item.what()
                        + (item.text().isBlank() ? "" : "：" + item.text()))).append("</li>");
            }
            page.append("</ol>");
        }
        if (!stored.status().isFinal()) {
            page.append("<form method=\"post\" action=\"").append(escapeHtml4(ActionLink.PATH + alert.alertId())).append("\">")
                    .append(hidden("r", link.recipient()))
                    .append(hidden("e", Long.toString(link.expiresAt().getEpochSecond())))
                    .append(hidden("s", signature))
                    .append(hidden("csrf", csrf))
                    .append("<label for=\"note\">处置说明（可选）</label><textarea id=\"note\" name=\"note\" maxlength=\"1000\"></textarea>");
            if (stored.status() == AlertLifecycle.Status.OPEN) {
                page.append(button(Action.ACK));
            }
            page.append(button(Action.RESOLVE)).append(button(Action.FALSE_ALARM)).append("</form>");
        }
        page.append("<p><small>处置人：").append(escapeHtml4(link.recipient())).append("。本链接仅限本人使用，请勿转发。</small></p>");
        return page.append("</body></html>").toString();
    }

    /** A page saying why the link or the action was refused. */
    static String refusal(String reason) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>无法处置</title><style>"
                + STYLE + "</style></head><body><h1>无法处置该预警</h1><p id=\"reason\">" + escapeHtml4(reason)
                + "</p></body></html>";
    }

    private static String row(String term, String value) {
        return "<dt>" + term + "</dt><dd>" + escapeHtml4(value) + "</dd>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escapeHtml4(value) + "\">";
    }

    private static String button(Action action) {
        return "<button type=\"submit\" name=\"action\" value=\"" + action.wireName() + "\">" + action.label() + "</button>";
    }
}
