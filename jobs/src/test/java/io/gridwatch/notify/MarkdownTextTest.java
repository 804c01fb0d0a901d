package io.gridwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
