package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.codec.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Silences and lifecycle events from their topics: valid ones read back, others dead-lettered with the reason. */
@Tag("unit")
class ControlRecordDeserializerTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void readsBackWhatTheCommandLinePublishes() {
        Silence silence = new Silence("S-1", null, "patrol_gap", "东湖街道", FROM, FROM.plusSeconds(86400), "国庆", "值班长");
        LifecycleEvent ack = new LifecycleEvent("A-1", "acknowledged", "王建国", FROM, "在处理");

        assertThat(ControlRecordDeserializer.silences().parse(raw(RecordJson.encode(silence))).value()).isEqualTo(silence);
        assertThat(ControlRecordDeserializer.lifecycleEvents().parse(raw(RecordJson.encode(ack))).value()).isEqualTo(ack);
    }

    @Test
    void deadLettersSilencesThatWouldSilenceTheWrongThing() {
        assertThat(rejectedSilence("{\"id\":\"S-1\",\"from\":\"2026-10-01T00:00:00Z\",\"until\":\"2026-10-02T00:00:00Z\","
                + "\"reason\":\"国庆\",\"by\":\"值班长\"}"))
                .isEqualTo("Silence: a silence needs a scope: gridId, detector or street");
        assertThat(rejectedSilence("{\"id\":\"S-1\",\"grid\":\"G-1\",\"from\":\"2026-10-01T00:00:00Z\","
                + "\"until\":\"2026-10-02T00:00:00Z\",\"reason\":\"国庆\",\"by\":\"值班长\"}"))
                .isEqualTo("Silence: unknown field 'grid', expected one of [by, detector, from, gridId, id, reason, street, until]");
        assertThat(rejectedSilence("{\"id\":\"S-1\",\"gridId\":\"G-1\",\"from\":\"2026-10-02T00:00:00Z\","
                + "\"until\":\"2026-10-01T00:00:00Z\",\"reason\":\"国庆\",\"by\":\"值班长\"}"))
                .isEqualTo("Silence: a silence needs from and until, until after from");
        assertThat(rejectedSilence("{\"id\":")).startsWith("Silence: Unexpected end-of-input");
    }

    @Test
    void deadLettersLifecycleEventsWithAnUnknownStatus() {
        Parsed<LifecycleEvent> parsed = ControlRecordDeserializer.lifecycleEvents().parse(raw(
                "{\"alertId\":\"A-1\",\"status\":\"done\",\"by\":\"王建国\",\"at\":\"2026-10-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.deadLetter().rejection()).isEqualTo(new Rejection(RejectReason.INVALID_CONTROL_RECORD,
                "LifecycleEvent: status must be acknowledged | resolved | false_alarm, was done"));
    }

    @Test
    void deadLettersLifecycleEventsAheadOfTheClockOrWithOverlongFields() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        LifecycleEvent now = new LifecycleEvent("A-1", "acknowledged", "王建国", Instant.now(), null);

        assertThat(ControlRecordDeserializer.lifecycleEvents().parse(raw(RecordJson.encode(now))).value()).isEqualTo(now);
        assertThat(rejectedLifecycle("{\"alertId\":\"A-1\",\"status\":\"resolved\",\"by\":\"王建国\",\"at\":\""
                + tomorrow + "\"}")).isEqualTo("LifecycleEvent: at " + tomorrow + " is ahead of the clock");
        assertThat(rejectedLifecycle("{\"alertId\":\"A-1\",\"status\":\"resolved\",\"by\":\"" + "长".repeat(65)
                + "\",\"at\":\"2026-10-01T00:00:00Z\"}")).isEqualTo("LifecycleEvent: by must be at most 64 characters");
        assertThat(rejectedLifecycle("{\"alertId\":\"A-1\",\"status\":\"resolved\",\"by\":\"王建国\",\"note\":\""
                + "x".repeat(1001) + "\",\"at\":\"2026-10-01T00:00:00Z\"}"))
                .isEqualTo("LifecycleEvent: note must be at most 1000 characters");
    }

    private static String rejectedLifecycle(String json) {
        Parsed<LifecycleEvent> parsed = ControlRecordDeserializer.lifecycleEvents().parse(raw(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.value()).isNull();
        return parsed.deadLetter().rejection().detail();
    }

    private static String rejectedSilence(String json) {
        Parsed<Silence> parsed = ControlRecordDeserializer.silences().parse(raw(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.value()).isNull();
        assertThat(parsed.deadLetter().rejection().reason()).isEqualTo(RejectReason.INVALID_CONTROL_RECORD);
        return parsed.deadLetter().rejection().detail();
    }

    private static RawRecord raw(byte[] value) {
        return new RawRecord("gridwatch.silences", 0, 7, null, value);
    }
}
