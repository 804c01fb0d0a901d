package io.gridwatch.common.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SilenceTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-10-08T00:00:00Z");

    @Test
    void coversAlertsOfEveryScopeGivenWithinItsPeriodOnly() {
        Silence streetAndDetector = new Silence("S-1", null, "patrol_gap", "东湖街道", FROM, UNTIL, "国庆", "值班长");

        assertThat(streetAndDetector.covers(alert("patrol_gap", "东湖街道", FROM))).isTrue();
        assertThat(streetAndDetector.covers(alert("patrol_gap", "东湖街道", UNTIL.minusMillis(1)))).isTrue();
        assertThat(streetAndDetector.covers(alert("patrol_gap", "东湖街道", UNTIL))).as("until is exclusive").isFalse();
        assertThat(streetAndDetector.covers(alert("patrol_gap", "东湖街道", FROM.minusMillis(1)))).isFalse();
        assertThat(streetAndDetector.covers(alert("repeated_dispute", "东湖街道", FROM))).isFalse();
        assertThat(streetAndDetector.covers(alert("patrol_gap", "长河镇", FROM))).isFalse();
    }

    @Test
    void refusesASilenceThatWouldCoverEverythingOrNothing() {
        assertThatThrownBy(() -> new Silence("S-1", null, null, null, FROM, UNTIL, "r", "b"))
                .hasMessage("a silence needs a scope: gridId, detector or street");
        assertThatThrownBy(() -> new Silence("S-1", "G-1", null, null, UNTIL, FROM, "r", "b"))
                .hasMessage("a silence needs from and until, until after from");
        assertThatThrownBy(() -> new Silence("S-1", "G-1", null, null, FROM, UNTIL, " ", "b"))
                .hasMessage("reason is required");
    }

    private static Alert alert(String detector, String street, Instant createdAt) {
        return new Alert("A-1", detector, AlertLevel.YELLOW, "G-1", "第一网格", "社区", street, "区", null, createdAt,
                createdAt, 1, List.of("E-1"), "message", createdAt, null);
    }
}
