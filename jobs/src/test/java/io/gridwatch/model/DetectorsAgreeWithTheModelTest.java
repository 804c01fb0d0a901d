package io.gridwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.testing.Detection;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * The whole detection topology ({@code EarlyWarningTopology.detect} at parallelism 2 on a MiniCluster) against the
 * {@link ReferenceModel} on random histories ({@link RandomHistories}): every alert the suppressor publishes —
 * id, detector, grid, key, level, evidence, count, times — must be the model's, no more and no fewer, and no operator
 * may throw. On a mismatch jqwik shrinks the history and prints it. Tries: {@code jqwik.tries.default} (a few dozen in
 * {@code mvn verify}; e.g. {@code -Djqwik.tries.default=1000} for more).
 */
@Tag("minicluster")
class DetectorsAgreeWithTheModelTest {

    private static final Rules RULES = Detection.DEFAULT_RULES;
    private static MiniClusterWithClientResource flink;

    @BeforeContainer
    static void startFlink() throws Exception {
        flink = new MiniClusterWithClientResource(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
        flink.before();
    }

    @AfterContainer
    static void stopFlink() {
        flink.after();
    }

    @Property
    void publishesExactlyTheAlertsOfTheReferenceModel(@ForAll("histories") List<GridEvent> arrivals) throws Exception {
        Assume.that(!arrivals.isEmpty()); // a job needs input
        List<Alert> modelled = new ReferenceModel(RULES, Detection.REGISTRY).alerts(arrivals);
        // Shown after the run: how often each detector had something to say, so a generator gone dull is seen.
        modelled.stream().map(Alert::detector).distinct().forEach(detector -> Statistics.label("alerts").collect(detector));
        List<String> expected = facts(modelled);

        List<String> published = facts(Detection.run(RULES, RandomHistories.OUT_OF_ORDERNESS, arrivals).stream()
                .filter(alert -> ReferenceModel.DETECTORS.contains(alert.detector()))
                .toList());

        assertThat(published).as("published alerts (left) against the model's").isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<GridEvent>> histories() {
        return RandomHistories.histories(120, 45);
    }

    /** What the job and the model must agree on, one line per published alert, sorted. */
    private static List<String> facts(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> String.join(" ", a.detector(), a.gridId(), String.valueOf(a.key()), a.level().wireName(),
                        "created " + a.createdAt(), "window " + a.windowStart() + ".." + a.windowEnd(),
                        "count " + a.count(), String.valueOf(a.eventIds()), a.alertId(),
                        a.recoveredAt() == null ? "" : "recovered " + a.recoveredAt()))
                .sorted()
                .collect(Collectors.toList());
    }
}
