package io.gridwatch.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ActionLinkTest {

    private static final LinkKey KEY = LinkKey.of("k".repeat(LinkKey.MIN_BYTES));
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final ActionLink LINK = new ActionLink("repeated_dispute-ca199f", "G-XF-01-01/grid_lead", NOW.plusSeconds(3600));

    @Test
    void acceptsTheLinkItSignedUntilItExpires() throws Exception {
        Map<String, String> query = query(LINK.url("https://gw.example.gov.cn/", KEY));

        assertThat(ActionLink.verify(LINK.alertId(), query.get("r"), query.get("e"), query.get("s"), KEY, NOW))
                .isEqualTo(LINK);
        assertThatThrownBy(() -> ActionLink.verify(LINK.alertId(), query.get("r"), query.get("e"), query.get("s"), KEY,
                LINK.expiresAt())).hasMessageContaining("已过期");
    }

    @Test
    void refusesALinkWithAnyPartChangedOrSignedUnderAnotherKey() {
        String s = LINK.signature(KEY);
        String e = Long.toString(LINK.expiresAt().getEpochSecond());

        assertThatThrownBy(() -> ActionLink.verify("escalating_dispute-0", LINK.recipient(), e, s, KEY, NOW))
                .hasMessageContaining("签名不符");
        assertThatThrownBy(() -> ActionLink.verify(LINK.alertId(), "东湖街道/street", e, s, KEY, NOW))
                .hasMessageContaining("签名不符");
        assertThatThrownBy(() -> ActionLink.verify(LINK.alertId(), LINK.recipient(), e + "0", s, KEY, NOW))
                .hasMessageContaining("签名不符");
        assertThatThrownBy(() -> ActionLink.verify(LINK.alertId(), LINK.recipient(), e,
                LINK.signature(LinkKey.of("x".repeat(LinkKey.MIN_BYTES))), KEY, NOW)).hasMessageContaining("签名不符");
        assertThatThrownBy(() -> ActionLink.verify(LINK.alertId(), LINK.recipient(), "soon", s, KEY, NOW))
                .hasMessageContaining("链接无效");
        assertThatThrownBy(() -> ActionLink.verify(LINK.alertId(), null, e, s, KEY, NOW))
                .hasMessageContaining("链接不完整");
    }

    @Test
    void refusesAKeyTooShortNamingItsVariable() {
        assertThatThrownBy(() -> LinkKey.of("short")).hasMessage("GRIDWATCH_LINK_KEY must be at least 32 bytes long");
        assertThat(LinkKey.from(Map.<String, String>of()::get)).isEmpty();
        assertThat(KEY.toString()).doesNotContain("kkkk");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : URI.create(url).getQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(parts[0], parts[1]);
        }
        assertThat(URI.create(url).getPath()).isEqualTo("/a/" + LINK.alertId());
        return fields;
    }
}
