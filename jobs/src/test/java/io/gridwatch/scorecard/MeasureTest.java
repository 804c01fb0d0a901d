package io.gridwatch.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.notify.NotifyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The measures' rules at their edges, on facts written by hand. */
@Tag("unit")
class MeasureTest {

    private static final Instant RAISED = Instant.parse("2026-11-10T02:00:00Z");
    private static final Duration YELLOW = NotifyPolicy.DEFAULT.yellow();

    @Test
    void judgesWarningsOnlyOnceSomeoneHadToActAndOnlyThoseSomeoneWasTold() {
        List<WarningFact> warnings = List.of(
                warning("acknowledged in time", RAISED.plus(YELLOW), null),
                warning("withdrawn before its deadline, nobody acted", null, RAISED.plus(Duration.ofHours(3))),
                warning("closed as it was raised: sent to no one", null, RAISED),
                warning("nobody acted, the deadline passed", null, null),
                warning("acknowledged a minute late", RAISED.plus(YELLOW).plusSeconds(60), null));
        Sample sample = new Sample(List.of(), List.of(), 0, 0, warnings, RAISED.plus(Duration.ofDays(2)),
                NotifyPolicy.DEFAULT);

        assertThat(Measure.ACK_ON_TIME.of(sample)).isEqualTo(Figure.ratio(1, 3));
    }

    @Test
    void staysQuietWhenAWarningsDeadlineIsStillAhead() {
        Sample sample = new Sample(List.of(), List.of(), 0, 0, List.of(warning("open", null, null)),
                RAISED.plus(Duration.ofHours(1)), NotifyPolicy.DEFAULT);

        assertThat(Measure.ACK_ON_TIME.of(sample).text(Measure.Unit.PERCENT)).isEqualTo("—");
    }

    @Test
    void readsAndChangesFiguresAsStaffReadThem() {
        assertThat(Figure.ratio(2, 3).text(Measure.Unit.PERCENT)).isEqualTo("66.7%");
        assertThat(Figure.ratio(0, 0).text(Measure.Unit.PERCENT)).isEqualTo("—");
        assertThat(Figure.ratio(1, 2).change(Figure.ratio(3, 4), Measure.Unit.PERCENT)).isEqualTo("−25.0");
        assertThat(Figure.count(7).change(Figure.count(7), Measure.Unit.COUNT)).isEqualTo("±0");
        assertThat(Figure.of(4.25).change(Figure.of(null), Measure.Unit.HOURS)).isEqualTo("—");
    }

    private static WarningFact warning(String what, Instant acknowledgedAt, Instant recoveredAt) {
        ObjectNode source = new ObjectMapper().createObjectNode().put("alertId", what)
                .put("detector", "overdue_response").put("gridId", "G-XF-01-01").put("level", "yellow")
                .put("createdAt", RAISED.toString());
        if (acknowledgedAt != null) {
            source.put("acknowledgedAt", acknowledgedAt.toString()).put("status", "acknowledged");
        }
        if (recoveredAt != null) {
            source.put("recoveredAt", recoveredAt.toString());
        }
        return WarningFact.fromSource(source, List.of());
    }
}
