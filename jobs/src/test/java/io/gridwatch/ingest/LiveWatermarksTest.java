package io.gridwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LiveWatermarksTest {

    private static final Duration OUT_OF_ORDER = Duration.ofMinutes(5);
    private static final Duration IDLE = Duration.ofMinutes(1);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final ManualClock activity = new ManualClock();
    private final Recorder output = new Recorder();
    private Clock wall = Clock.fixed(NOW, ZoneOffset.UTC);

    /** The generators of one source reader: its reader-level output's and its splits'. */
    private final List<LiveWatermarks<?>> reader = new ArrayList<>();
    private final SimpleCounter clamped = new SimpleCounter();

    private LiveWatermarks<String> generator() {
        return new LiveWatermarks<>(OUT_OF_ORDER, IDLE, activity, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return wall.instant();
            }
        }, reader, clamped);
    }

    @Test
    void followsTheEventsWhileTheyFlow() {
        LiveWatermarks<String> watermarks = generator();
        long eventTime = NOW.minus(Duration.ofHours(3)).toEpochMilli();

        watermarks.onEvent("e", eventTime, output);
        watermarks.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(eventTime - OUT_OF_ORDER.toMillis() - 1);
    }

    @Test
    void followsTheWallClockOnceTheSplitHasBeenIdle() {
        LiveWatermarks<String> watermarks = generator();
        watermarks.onEvent("e", NOW.minus(Duration.ofHours(3)).toEpochMilli(), output);

        activity.advanceTime(IDLE.minusMillis(1));
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isLessThan(NOW.minus(Duration.ofHours(1)).toEpochMilli());

        activity.advanceTime(Duration.ofMillis(1));
        watermarks.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(NOW.toEpochMilli() - OUT_OF_ORDER.toMillis() - 1);
    }

    @Test
    void holdsStillWhileTheSourceIsBackpressured() {
        LiveWatermarks<String> watermarks = generator();
        long eventTime = NOW.minus(Duration.ofHours(3)).toEpochMilli();
        watermarks.onEvent("e", eventTime, output);

        // The input-activity clock stands still under backpressure, however long the wall clock runs.
        wall = Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        watermarks.onPeriodicEmit(output);

        assertThat(output.last()).isEqualTo(eventTime - OUT_OF_ORDER.toMillis() - 1);
    }

    @Test
    void neverGoesBackwards() {
        LiveWatermarks<String> watermarks = generator();
        activity.advanceTime(IDLE);
        watermarks.onPeriodicEmit(output);
        long idleWatermark = output.last();

        watermarks.onEvent("old", NOW.minus(Duration.ofDays(1)).toEpochMilli(), output);
        watermarks.onPeriodicEmit(output);

        assertThat(output.emitted).containsOnly(idleWatermark);
    }

    @Test
    void staysBehindABusySplitWhenItSeesNoEventsItself() {
        // Flink creates the reader-level output's generator first; a Kafka source never writes to that output.
        LiveWatermarks<String> readerLevel = generator();
        LiveWatermarks<String> busySplit = generator();
        Recorder splitOutput = new Recorder();
        long backlogTime = NOW.minus(Duration.ofDays(30)).toEpochMilli();

        // A month of backlog read for five idle timeouts: the split always has events.
        for (int second = 0; second < 5 * IDLE.toSeconds(); second++) {
            busySplit.onEvent("e", backlogTime + second * 60_000L, splitOutput);
            activity.advanceTime(Duration.ofSeconds(1));
            busySplit.onPeriodicEmit(splitOutput);
            readerLevel.onPeriodicEmit(output);
        }

        assertThat(output.emitted).as("nothing that would overrule the split's watermark").isEmpty();
        assertThat(splitOutput.last()).isLessThan(NOW.minus(Duration.ofDays(29)).toEpochMilli());
    }

    @Test
    void followsTheWallClockWithoutEventsOnceTheWholeReaderIsQuiet() {
        LiveWatermarks<String> readerLevel = generator();
        LiveWatermarks<String> split = generator();
        split.onEvent("e", NOW.minus(Duration.ofDays(30)).toEpochMilli(), new Recorder());

        activity.advanceTime(IDLE.minusMillis(1));
        readerLevel.onPeriodicEmit(output);
        assertThat(output.emitted).isEmpty();

        activity.advanceTime(Duration.ofMillis(1));
        readerLevel.onPeriodicEmit(output);
        assertThat(output.last()).isEqualTo(NOW.toEpochMilli() - OUT_OF_ORDER.toMillis() - 1);
    }

    @Test
    void movesOnlyToTheWallClockForAnEventFromAFastClock() {
        LiveWatermarks<String> watermarks = generator();
        long honest = NOW.minus(Duration.ofMinutes(1)).toEpochMilli();
        watermarks.onEvent("fast", NOW.plus(Duration.ofMinutes(9)).toEpochMilli(), output);
        watermarks.onPeriodicEmit(output);

        assertThat(output.last()).as("an honest event of a minute ago is not late")
                .isEqualTo(NOW.toEpochMilli() - OUT_OF_ORDER.toMillis() - 1).isLessThan(honest);
        assertThat(clamped.getCount()).isEqualTo(1);
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        long last() {
            return emitted.get(emitted.size() - 1);
        }
    }
}
