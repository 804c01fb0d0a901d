package io.gridwatch.cases;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Timers and state of complaint cases, driven by explicit watermarks. */
@Tag("harness")
class ComplaintCasesTest {

    /** The default SLA of a severity-2 complaint. */
    private static final Duration SLA = Duration.ofHours(24);

    private KeyedBroadcastOperatorTestHarness<String, GridEvent, Rules, ComplaintCase> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new ComplaintCases(Detection.DEFAULT_RULES, Detection.REGISTRY),
                OverdueResponseDetector.KEY);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void marksACaseLateWhenItsDeadlinePassesUnansweredAndForgetsItAfterAMonth() throws Exception {
        send(complaint("C-1").at(DAY_1).reportedAfter(Duration.ofHours(2)).build());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(opened -> {
            assertThat(opened.dueAt()).as("acceptance plus the SLA").isEqualTo(DAY_1.plus(Duration.ofHours(26)));
            assertThat(opened.answeredOnTime()).as("not yet due").isNull();
        });

        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(26))) - 1);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(26))));
        assertThat(harness.extractOutputValues()).hasSize(2).last()
                .satisfies(late -> assertThat(late.answeredOnTime()).isFalse());

        // Answered late: the case takes it, and stays late.
        send(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(30)), PatrolKind.RESOLUTION, "C-1"));
        assertThat(harness.extractOutputValues()).hasSize(3).last().satisfies(answered -> {
            assertThat(answered.answeredOnTime()).isFalse();
            assertThat(answered.timeToAnswer()).isEqualTo(Duration.ofHours(28));
            assertThat(answered.timeToResolve()).isEqualTo(Duration.ofHours(28));
        });

        harness.processWatermark(at(DAY_1.plus(Duration.ofHours(2)).plus(ComplaintCases.KEEP_CASE)));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void takesTheEarliestAnswerAndTheLatestRatingWhateverOrderTheyArriveIn() throws Exception {
        send(complaint("C-1").at(DAY_1).build());
        // The resolution, rated, synced first; the follow-up an hour after the complaint synced after it.
        send(patrol("P-2", GRID_A, DAY_1.plus(Duration.ofHours(5)), PatrolKind.RESOLUTION, "C-1",
                Satisfaction.BASICALLY_SATISFIED));
        send(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.FOLLOWUP, "C-1"));
        // A follow-up call (回访) two days on: the resident's last word.
        send(patrol("P-3", GRID_A, DAY_1.plus(Duration.ofDays(2)), PatrolKind.FOLLOWUP, "C-1",
                Satisfaction.DISSATISFIED));
        harness.processWatermark(at(DAY_1.plus(SLA)));

        assertThat(harness.extractOutputValues()).as("opened, then each change; nothing at a deadline met")
                .hasSize(4).last().satisfies(c -> {
                    assertThat(c.answeredAt()).isEqualTo(DAY_1.plus(Duration.ofHours(1)));
                    assertThat(c.answeredOnTime()).isTrue();
                    assertThat(c.resolvedAt()).isEqualTo(DAY_1.plus(Duration.ofHours(5)));
                    assertThat(c.rating()).isEqualTo(Satisfaction.DISSATISFIED);
                    assertThat(c.satisfied()).isFalse();
                });
    }

    @Test
    void takesAnAnswerThatCameBeforeItsComplaint() throws Exception {
        send(patrol("P-1", GRID_A, DAY_1.plus(Duration.ofHours(1)), PatrolKind.RESOLUTION, "C-1",
                Satisfaction.SATISFIED));
        assertThat(harness.extractOutputValues()).isEmpty();
        sendAt(complaint("C-1").at(DAY_1).build(), DAY_1.plus(Duration.ofHours(3)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(c -> {
            assertThat(c.answeredOnTime()).isTrue();
            assertThat(c.resolvedAt()).isEqualTo(DAY_1.plus(Duration.ofHours(1)));
            assertThat(c.satisfied()).isTrue();
        });
    }

    @Test
    void staysQuietWhenAnAnswersComplaintNeverComesAndForgetsTheAnswer() throws Exception {
        send(patrol("P-1", GRID_A, DAY_1, PatrolKind.FOLLOWUP, "C-404"));
        harness.processWatermark(at(DAY_1.plus(ComplaintCases.EARLY_ANSWER_HOLD)));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
    }

    @Test
    void staysQuietWhenAnAnswerPredatesTheComplaintThatReusedItsId() throws Exception {
        send(complaint("C-1").at(DAY_1).build());
        send(patrol("P-0", GRID_A, DAY_1.minus(Duration.ofDays(1)), PatrolKind.RESOLUTION, "C-1"));

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(c -> assertThat(c.answeredAt()).isNull());
    }

    @Test
    void keepsCasesAndAnswersInStateAsFlinkPojosNotKryo() {
        // A POJO's fields can be added to later and old savepoints still restore; a Kryo blob cannot.
        assertThat(TypeInformation.of(ComplaintCase.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(Answer.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private void send(GridEvent event) throws Exception {
        sendAt(event, event.knownAt());
    }

    private void sendAt(GridEvent event, Instant arrival) throws Exception {
        harness.processElement(new StreamRecord<>(event, at(arrival)));
    }

    private static long at(Instant instant) {
        return instant.toEpochMilli();
    }
}
