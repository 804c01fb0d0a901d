package io.gridwatch.cases;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * A complaint's case against a plain statement of it, whatever order its answers arrive in — some before the
 * complaint, some given before it happened (about an earlier complaint that reused the id), some given at the same
 * minute — and every case forgotten once its month is over.
 */
@Tag("harness")
class ComplaintCasesPropertyTest {

    /** An answer given {@code minutes} after the complaint happened (before it, if negative). */
    record Given(int minutes, boolean resolves, Satisfaction rating) {}

    @Property(tries = 200)
    void takesTheEarliestAnswerAndResolutionAndTheLatestRatingInAnyArrivalOrder(
            @ForAll("answers") List<Given> answers, @ForAll("severities") int severity, @ForAll long shuffleSeed)
            throws Exception {
        Complaint opened = complaint("C-1").at(DAY_1).reportedAfter(Duration.ofHours(1)).severity(severity).build();
        List<GridEvent> arrivals = new ArrayList<>();
        arrivals.add(opened);
        for (int i = 0; i < answers.size(); i++) {
            Given given = answers.get(i);
            arrivals.add(new Patrol("A-" + i, GRID_A, "W-1", DAY_1.plusSeconds(60L * given.minutes()),
                    given.resolves() ? PatrolKind.RESOLUTION : PatrolKind.FOLLOWUP, "C-1", List.of(), null,
                    given.rating()));
        }
        Collections.shuffle(arrivals, new Random(shuffleSeed));

        List<ComplaintCase> emitted = new ArrayList<>();
        try (KeyedBroadcastOperatorTestHarness<String, GridEvent, Rules, ComplaintCase> harness = Harnesses.keyed(
                new ComplaintCases(Detection.DEFAULT_RULES, Detection.REGISTRY), OverdueResponseDetector.KEY)) {
            long arrival = DAY_1.toEpochMilli();
            for (GridEvent event : arrivals) {
                harness.processElement(new StreamRecord<>(event, arrival++)); // all within the early-answer hold
            }
            harness.processWatermark(Long.MAX_VALUE);
            emitted.addAll(harness.extractOutputValues());
            assertThat(Harnesses.keyedStateEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }

        Instant due = opened.reportedAt().plus(Detection.DEFAULT_RULES.overdueResponse()
                .forContext("东湖街道", opened.category()).slaFor(severity));
        List<Given> counted = answers.stream().filter(given -> given.minutes() >= 0).toList();
        Instant answered = counted.stream().map(ComplaintCasesPropertyTest::at).min(Comparator.naturalOrder())
                .orElse(null);
        Instant resolved = counted.stream().filter(Given::resolves).map(ComplaintCasesPropertyTest::at)
                .min(Comparator.naturalOrder()).orElse(null);
        Satisfaction rating = counted.stream().filter(given -> given.rating() != null)
                .max(Comparator.comparing(Given::minutes).thenComparing(Given::rating)).map(Given::rating).orElse(null);

        ComplaintCase last = emitted.get(emitted.size() - 1);
        assertThat(last.answeredAt()).isEqualTo(answered);
        assertThat(last.resolvedAt()).isEqualTo(resolved);
        assertThat(last.rating()).isEqualTo(rating);
        assertThat(last.dueAt()).isEqualTo(due);
        assertThat(last.answeredOnTime()).isEqualTo(answered != null && answered.isBefore(due));
    }

    @Provide
    Arbitrary<List<Given>> answers() {
        return Combinators.combine(
                        // On the half hour, so that some are given at once.
                        Arbitraries.integers().between(-120, 4 * 24 * 60).map(m -> m - m % 30),
                        Arbitraries.of(true, false),
                        Arbitraries.of(Satisfaction.class).injectNull(0.5))
                .as(Given::new).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> severities() {
        return Arbitraries.integers().between(1, 4);
    }

    private static Instant at(Given given) {
        return DAY_1.plusSeconds(60L * given.minutes());
    }
}
