package io.gridwatch.common.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.GeoPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AlertCodecTest {

    private static final Alert ALERT = new Alert(
            "repeated_dispute-0123456789abcdef0123", "repeated_dispute", AlertLevel.ORANGE, "G1", "第一网格",
            "幸福里社区", "东湖街道", "滨江区", "P-1@3栋", Instant.parse("2026-03-02T01:00:00Z"),
            Instant.parse("2026-03-04T01:00:00Z"), 3, List.of("C-1", "C-2", "C-3"), "消息",
            Instant.parse("2026-03-04T01:00:00Z"), new GeoPoint(30.2, 120.2));

    @Test
    void writesIsoTimesAndLowerCaseLevels() {
        String json = new String(AlertCodec.encode(ALERT), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"level\":\"orange\"")
                .contains("\"windowStart\":\"2026-03-02T01:00:00Z\"")
                .contains("\"location\":{\"lat\":30.2,\"lon\":120.2}");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(AlertCodec.decode(AlertCodec.encode(ALERT))).isEqualTo(ALERT);
    }
}
