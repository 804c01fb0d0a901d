package io.gridwatch.notify.channel;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.notify.AlertNotices;
import io.gridwatch.testing.ExpectedAlerts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MarkdownTextTest {

    @Test
    void turnsAPhishingLinkInResidentTextIntoPlainText() {
        assertThat(MarkdownText.inert("幸福里3栋[点此签收](http://evil.example/sign)<b>**紧急**</b>"))
                .isEqualTo("幸福里3栋［点此签收］（http：//evil.example/sign）＜b＞＊＊紧急＊＊＜/b＞");
    }

    @Test
    void leavesOrdinaryChineseTextAsItIs() {
        String message = "【黄色预警·矛盾纠纷反复】东湖街道/幸福里社区/幸福里第一网格：幸福里小区3栋502的邻里纠纷自3月2日09:00至3月5日10:00被反映3次（最高严重程度2级）";

        assertThat(MarkdownText.inert(message)).isEqualTo(message);
    }

    @Test
    void fitsALongNoticeWithinTheLimitKeepingItsLastLine() {
        String notice = "### 标题\n\n" + "很长的内容".repeat(1000) + "\n\n[查看](https://kibana.example)";

        String fitted = MarkdownText.fit(notice, 1000);

        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000);
        assertThat(fitted).startsWith("### 标题\n\n很长的内容").contains(MarkdownText.CUT).endsWith("[查看](https://kibana.example)");
        assertThat(MarkdownText.fit("短通知", 1000)).isEqualTo("短通知");
    }

    @Test
    void keepsTheActionLinkOfANoticeCutToDingTalksLimit() {
        Alert alert = ExpectedAlerts.repeatedDisputeInGridA(AlertLevel.RED, 4, DAY_1, DAY_2, List.of("C-1", "C-2", "C-3"));
        Alert long_ = alert.toBuilder().message(alert.message() + "长地址".repeat(2000)).build();
        String link = "https://gw.example.gov.cn/a/" + alert.alertId() + "?r=G-XF-01-01%2Fgrid_lead&e=1&s=abc";

        String text = MarkdownText.fit(AlertNotices.of(long_, "G-XF-01-01/grid_lead", "https://kibana.example", link).text(),
                DingTalkChannel.MAX_BYTES);

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DingTalkChannel.MAX_BYTES);
        assertThat(text).contains(MarkdownText.CUT).contains("[处置该预警：签收 / 办结 / 误报](" + link + ")");
    }
}
