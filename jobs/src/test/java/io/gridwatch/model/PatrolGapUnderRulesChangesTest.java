package io.gridwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.rules.PatrolGapRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.PatrolGapDetector;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * {@code patrol_gap} in an operator harness against a plain model, on random patrols, watermarks and changes of
 * {@code max_gap} while running: every deadline is set with the rules in force when the watermark reaches the moment
 * that sets it (a patrol taken, or the deadline before it), a deadline already set stands, and the level counts the
 * deadlines passed since the last patrol; a patrol after alerts recovers the gap. No operator may throw, and no timer
 * and no more than a grid's last visit and gaps reported may be left at the end.
 */
@Tag("harness")
class PatrolGapUnderRulesChangesTest {

    private static final String TOWN = "G-XF-01-01";
    private static final String VILLAGE = "G-CN-01-01";
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final AlertLevel[] LEVELS = {AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED};

    /** What happens next: a patrol after the watermark, the watermark moving on, or new rules. */
    record Step(int kind, int grid, int hours, int gapDays, int villageGapDays) {}

    @Property
    void raisesWhatTheModelRaisesAndLeavesNothingBehind(@ForAll("steps") List<Step> steps) throws Exception {
        List<String> expected = new ArrayList<>();
        Model model = new Model(expected);
        try (KeyedBroadcastOperatorTestHarness<String, Patrol, Rules, Alert> harness = Harnesses.keyed(
                new PatrolGapDetector(Detection.PROMPT_RULES, Detection.REGISTRY), Patrol::gridId)) {
            long watermark = START.toEpochMilli();
            int patrols = 0;
            for (Step step : steps) {
                long delta = Duration.ofHours(step.hours()).toMillis();
                switch (step.kind()) {
                    case 0 -> {
                        String grid = step.grid() == 0 ? TOWN : VILLAGE;
                        Patrol patrol = new Patrol("P-" + patrols++, grid, "W", Instant.ofEpochMilli(watermark + delta),
                                PatrolKind.VISIT, null, List.of(), null);
                        harness.processElement(patrol, patrol.occurredAt().toEpochMilli());
                        model.hold(grid, watermark + delta);
                    }
                    case 1 -> {
                        watermark += delta;
                        harness.processWatermark(watermark);
                        model.advanceTo(watermark);
                    }
                    default -> {
                        Rules rules = rules(step.gapDays(), step.villageGapDays());
                        harness.processBroadcastElement(rules, 0);
                        model.rules = rules;
                    }
                }
            }
            long end = watermark + Duration.ofDays(200).toMillis();
            harness.processWatermark(end);
            model.advanceTo(end);

            // Grids do not interact: each grid's alerts in order, the grids one after the other.
            List<String> raised = harness.extractOutputValues().stream()
                    .map(a -> a.gridId() + " " + a.level().wireName() + " since " + a.windowStart() + " at " + a.createdAt()
                            + (a.recoveredAt() == null ? "" : " recovered " + a.recoveredAt()))
                    .sorted(Comparator.comparing(line -> line.split(" ")[0]))
                    .toList();
            assertThat(raised).isEqualTo(expected.stream().sorted(Comparator.comparing(line -> line.split(" ")[0])).toList());
            assertThat(Harnesses.keyedStateEntries(harness)).as("per grid at most its last visit and gaps reported")
                    .isLessThanOrEqualTo(4);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(1, 24 * 20),
                        Arbitraries.integers().between(1, 10),
                        Arbitraries.integers().between(1, 15))
                .as(Step::new)
                .list().ofMaxSize(40);
    }

    private static Rules rules(int gapDays, int villageGapDays) {
        PatrolGapRule base = Detection.PROMPT_RULES.patrolGap().base();
        return Detection.PROMPT_RULES.withPatrolGap(RuleSet.of(new PatrolGapRule(Duration.ofDays(gapDays),
                Map.of("village", Duration.ofDays(villageGapDays)), base.allowedLateness(), base.cooldown())));
    }

    /** Per grid: patrols waiting for the watermark, the last patrol, the pending deadline and the gaps passed. */
    private static final class Model {
        private final List<String> raised;
        private final Map<String, List<Long>> held = new TreeMap<>();
        private final Map<String, Long> last = new TreeMap<>();
        private final Map<String, Long> deadline = new TreeMap<>();
        private final Map<String, Integer> gaps = new TreeMap<>();
        Rules rules = Detection.PROMPT_RULES;

        Model(List<String> raised) {
            this.raised = raised;
        }

        void hold(String grid, long at) {
            held.computeIfAbsent(grid, g -> new ArrayList<>()).add(at);
        }

        /** Every moment up to {@code watermark}, grid by grid (grids do not interact), in time order. */
        void advanceTo(long watermark) {
            for (String grid : List.of(TOWN, VILLAGE)) {
                while (true) {
                    List<Long> waiting = held.getOrDefault(grid, new ArrayList<>());
                    long patrol = waiting.stream().mapToLong(Long::longValue).filter(t -> t <= watermark).min()
                            .orElse(Long.MAX_VALUE);
                    long due = deadline.getOrDefault(grid, Long.MAX_VALUE);
                    long moment = Math.min(patrol, due > watermark ? Long.MAX_VALUE : due);
                    if (moment == Long.MAX_VALUE) {
                        break;
                    }
                    if (patrol == moment) {
                        waiting.removeIf(t -> t == moment);
                        int reported = gaps.getOrDefault(grid, 0);
                        if (reported > 0) {
                            Instant at = Instant.ofEpochMilli(moment);
                            raised.add(grid + " " + LEVELS[reported - 1].wireName() + " since "
                                    + Instant.ofEpochMilli(last.get(grid)) + " at " + at + " recovered " + at);
                        }
                        last.put(grid, moment);
                        gaps.put(grid, 0);
                        deadline.put(grid, moment + gap(grid));
                    } else {
                        int passed = gaps.get(grid) + 1;
                        raised.add(grid + " " + LEVELS[passed - 1].wireName() + " since " + Instant.ofEpochMilli(last.get(grid))
                                + " at " + Instant.ofEpochMilli(moment));
                        gaps.put(grid, passed);
                        if (passed < LEVELS.length) {
                            deadline.put(grid, moment + gap(grid));
                        } else {
                            deadline.remove(grid);
                        }
                    }
                }
            }
        }

        private long gap(String gridId) {
            Grid grid = Detection.REGISTRY.find(gridId).orElseThrow();
            return rules.patrolGap().forStreet(grid.street()).maxGapFor(grid.type()).toMillis();
        }
    }
}
