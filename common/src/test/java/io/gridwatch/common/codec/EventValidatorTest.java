package io.gridwatch.common.codec;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.grid.GridRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EventValidatorTest {

    private static final Instant NOW = DAY_1.plus(Duration.ofDays(1));

    private final EventValidator validator = new EventValidator(GridRegistry.sample(), Duration.ofMinutes(10), Duration.ofDays(365), 4096);

    @Test
    void acceptsAValidEventOfAKnownGrid() throws Exception {
        byte[] bytes = EventCodec.encode(complaint("C-1").build());

        assertThat(validator.validate(bytes, NOW).eventId()).isEqualTo("C-1");
    }

    @Test
    void rejectsAnUnknownGrid() {
        byte[] bytes = EventCodec.encode(complaint("C-1").grid("G-NOWHERE").build());

        assertRejected(bytes, RejectReason.UNKNOWN_GRID, "gridId 'G-NOWHERE' is not in the grid registry");
    }

    @Test
    void rejectsATimestampFarInTheFutureButAcceptsSmallClockSkew() throws Exception {
        byte[] skewed = EventCodec.encode(complaint("C-1").at(NOW.plus(Duration.ofMinutes(9))).build());
        byte[] future = EventCodec.encode(complaint("C-2").at(NOW.plus(Duration.ofMinutes(11))).build());

        assertThat(validator.validate(skewed, NOW).eventId()).isEqualTo("C-1");
        assertRejected(future, RejectReason.FUTURE_TIMESTAMP, "is more than PT10M after ingestion");
    }

    @Test
    void rejectsAComplaintReportedAheadOfTheClock() {
        // Happened an hour ago, "reported" tomorrow: its event time would hold its SLA off for a day.
        byte[] bytes = EventCodec.encode(complaint("C-1").at(NOW.minus(Duration.ofHours(1)))
                .reportedAfter(Duration.ofDays(1)).build());

        assertRejected(bytes, RejectReason.FUTURE_TIMESTAMP, "reportedAt");
    }

    @Test
    void rejectsAComplaintReportedBeforeItHappened() {
        byte[] bytes = EventCodec.encode(complaint("C-1").reportedAfter(Duration.ofMinutes(-5)).build());

        assertRejected(bytes, RejectReason.INVALID_FIELD, "is before occurredAt");
    }

    @Test
    void rejectsOversizedAndEmptyRecordsBeforeParsing() {
        assertRejected(new byte[5000], RejectReason.TOO_LARGE, "5000 bytes, the limit is 4096");
        assertRejected(new byte[0], RejectReason.MALFORMED_JSON, "empty");
    }

    private void assertRejected(byte[] bytes, RejectReason reason, String detail) {
        assertThatThrownBy(() -> validator.validate(bytes, NOW))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(reason);
                    assertThat(e.rejection().detail()).contains(detail);
                });
    }
}
