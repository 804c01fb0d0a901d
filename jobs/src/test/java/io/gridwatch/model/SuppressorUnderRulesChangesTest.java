package io.gridwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.alerts.AlertSuppressor;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.testing.TestRules;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import io.gridwatch.topology.Detectors;
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
 * The suppressor in an operator harness against a plain model, on random alerts of a detector that recovers
 * ({@code grid_hotspot}) and one that does not ({@code repeated_dispute}), their recoveries, and cool-downs changed
 * while running: an alert merges into the open one of its key when it comes before the end of the open alert's
 * cool-down — as it was when the open alert was raised — and is no higher; a recovery goes out under every alert of
 * the condition. No operator may throw, and no state or timer may be left once every condition has recovered.
 */
@Tag("harness")
class SuppressorUnderRulesChangesTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final List<String> COOL_DOWNS = List.of("1h", "12h", "1d", "3d", "7d");

    /** An alert ({@code kind} 0), a recovery of the grid's hotspot (1) or new cool-downs (2), {@code minutes} on. */
    record Step(int kind, int detector, int grid, int level, int minutes, int coolDown) {}

    @Property
    void publishesWhatTheModelPublishesAndLeavesNothingBehind(@ForAll("steps") List<Step> steps) throws Exception {
        Model model = new Model();
        try (KeyedBroadcastOperatorTestHarness<String, Alert, Rules, Alert> harness =
                Harnesses.keyed(new AlertSuppressor(Detection.DEFAULT_RULES, Detectors.recovering()), AlertSuppressor.KEY)) {
            long now = START.toEpochMilli();
            int sequence = 0;
            for (Step step : steps) {
                now += Duration.ofMinutes(step.minutes()).toMillis();
                String detector = step.detector() == 0 ? Rules.GRID_HOTSPOT : Rules.REPEATED_DISPUTE;
                String grid = step.grid() == 0 ? "G-XF-01-01" : "G-XF-01-02";
                Alert input;
                if (step.kind() == 2) {
                    Rules rules = TestRules.load(TestRules.with(
                            TestRules.shippedYamlWith("grid_hotspot", "cooldown", COOL_DOWNS.get(step.coolDown())),
                            "repeated_dispute", "cooldown", COOL_DOWNS.get((step.coolDown() + 2) % COOL_DOWNS.size())));
                    harness.processBroadcastElement(rules, 0);
                    model.rules = rules;
                    continue;
                } else if (step.kind() == 1) {
                    Alert open = model.raisedLast(Rules.GRID_HOTSPOT, grid);
                    if (open == null) {
                        continue; // the detector recovers only what it raised
                    }
                    input = open.recovered(Instant.ofEpochMilli(now), "已恢复");
                } else {
                    input = alert(detector, grid, AlertLevel.values()[step.level()], Instant.ofEpochMilli(now), "E-" + sequence++);
                }
                harness.processElement(input, now);
                harness.processWatermark(now);
                model.take(input);
            }
            // Every condition ends, as the hotspot detector always announces.
            for (String grid : List.of("G-XF-01-01", "G-XF-01-02")) {
                Alert open = model.raisedLast(Rules.GRID_HOTSPOT, grid);
                if (open != null) {
                    now += 1;
                    Alert recovery = open.recovered(Instant.ofEpochMilli(now), "已恢复");
                    harness.processElement(recovery, now);
                    model.take(recovery);
                }
            }
            harness.processWatermark(now + Duration.ofDays(30).toMillis());

            assertThat(facts(harness.extractOutputValues())).isEqualTo(facts(model.published));
            assertThat(Harnesses.keyedStateEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(8, Arbitraries.just(0)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.just(1)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.just(2))),
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 60 * 24 * 2),
                        Arbitraries.integers().between(0, COOL_DOWNS.size() - 1))
                .as(Step::new)
                .list().ofMaxSize(40);
    }

    private static Alert alert(String detector, String gridId, AlertLevel level, Instant at, String eventId) {
        var grid = Detection.REGISTRY.find(gridId).orElseThrow();
        String key = detector.equals(Rules.GRID_HOTSPOT) ? null : "P-1";
        return new Alert(AlertId.of(detector, gridId, key, List.of(eventId)), detector, level, gridId, grid.name(),
                grid.community(), grid.street(), grid.district(), key, at, at, 1, List.of(eventId), "", at,
                grid.centroid());
    }

    private static String keyOf(Alert alert) {
        return alert.detector() + "|" + alert.gridId() + "|" + alert.key();
    }

    /** Each key's alerts in order, the keys one after the other. */
    private static List<String> facts(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> String.join(" ", keyOf(a), a.alertId(), a.level().wireName(),
                        "count " + a.count(), String.valueOf(a.eventIds()),
                        a.recoveredAt() == null ? "" : "recovered " + a.recoveredAt()))
                .sorted(Comparator.comparing(line -> line.split(" ")[0]))
                .toList();
    }

    /** Per key: the open alert, the end of its cool-down as raised, and the alerts it replaced. */
    private static final class Model {
        final List<Alert> published = new ArrayList<>();
        private final Map<String, Alert> open = new TreeMap<>();
        private final Map<String, Instant> end = new TreeMap<>();
        private final Map<String, List<Alert>> replaced = new TreeMap<>();
        private final Map<String, Alert> raisedLast = new TreeMap<>();
        Rules rules = Detection.DEFAULT_RULES;

        Alert raisedLast(String detector, String grid) {
            return raisedLast.get(detector + "|" + grid);
        }

        void take(Alert alert) {
            String key = keyOf(alert);
            Alert current = open.get(key);
            if (alert.recoveredAt() != null) {
                List<Alert> told = new ArrayList<>(replaced.getOrDefault(key, List.of()));
                told.add(current);
                told.forEach(a -> published.add(a.recovered(alert.recoveredAt(), alert.message())));
                open.remove(key);
                replaced.remove(key);
                raisedLast.remove(alert.detector() + "|" + alert.gridId());
                return;
            }
            raisedLast.put(alert.detector() + "|" + alert.gridId(), alert);
            if (current != null && alert.createdAt().isBefore(end.get(key)) && alert.level().compareTo(current.level()) <= 0) {
                Alert merged = mergedInto(current, alert);
                open.put(key, merged);
                published.add(merged);
                return;
            }
            if (current != null && alert.detector().equals(Rules.GRID_HOTSPOT)) {
                replaced.computeIfAbsent(key, k -> new ArrayList<>()).add(current);
            }
            open.put(key, alert);
            end.put(key, alert.createdAt().plus(rules.cooldown(alert.detector(), alert.street())));
            published.add(alert);
        }

        private static Alert mergedInto(Alert open, Alert update) {
            List<String> ids = new ArrayList<>(open.eventIds());
            ids.addAll(update.eventIds());
            return new Alert(open.alertId(), open.detector(), open.level(), open.gridId(), open.gridName(),
                    open.community(), open.street(), open.district(), open.key(), open.windowStart(),
                    update.windowEnd(), open.count() + 1, ids, "", open.createdAt(), open.location());
        }
    }
}
