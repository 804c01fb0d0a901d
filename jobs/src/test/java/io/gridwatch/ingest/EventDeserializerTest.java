package io.gridwatch.ingest;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.GridRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EventDeserializerTest {

    private final EventDeserializer deserializer =
            new EventDeserializer(new EventValidator(GridRegistry.sample(), Duration.ofMinutes(10), Duration.ofDays(365), 65536));

    @Test
    void emitsAValidEventStampedWithItsEventTime() {
        Complaint complaint = complaint("C-1").at(DAY_1).build();

        Ingested ingested = deserializer.ingest(record(EventCodec.encode(complaint)), DAY_2);

        assertThat(ingested.event()).isEqualTo(complaint);
        assertThat(ingested.deadLetter()).isNull();
        assertThat(ingested.eventTimeMillis()).isEqualTo(DAY_1.toEpochMilli());
    }

    @Test
    void emitsADeadLetterWithTheOriginalBytesThatNeverAdvancesTheWatermark() {
        byte[] broken = "{\"eventId\":".getBytes(StandardCharsets.UTF_8);

        Ingested ingested = deserializer.ingest(record(broken), DAY_2);

        assertThat(ingested.event()).isNull();
        assertThat(ingested.deadLetter().record().value()).isEqualTo(broken);
        assertThat(ingested.deadLetter().record().origin()).isEqualTo("gridwatch.complaints-1@42");
        assertThat(ingested.deadLetter().rejection().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(ingested.eventTimeMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void emitsADeadLetterForANullValue() {
        Ingested ingested = deserializer.ingest(record(null), DAY_2);

        assertThat(ingested.deadLetter().rejection().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    private static RawRecord record(byte[] value) {
        return new RawRecord("gridwatch.complaints", 1, 42, null, value);
    }
}
