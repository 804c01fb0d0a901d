package io.gridwatch.topology;

import static io.gridwatch.topology.DetectorSpec.keyed;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.detect.EscalatingDisputeDetector;
import io.gridwatch.detect.NewCategoryDetector;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.detect.PatrolGapDetector;
import io.gridwatch.detect.RepeatedDisputeDetector;
import io.gridwatch.detect.hotspot.ClusterHotspotDetector;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import io.gridwatch.topology.DetectorSpec.RulesTaken;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every detector of the early-warning job, one entry each, in the order the benchmarks report them. The wiring of the
 * CEP detectors, which run one operator per street variant, is {@link CepDetectors}'.
 */
public final class Detectors {

    private Detectors() {}

    public static final List<DetectorSpec> ALL = List.of(
            new DetectorSpec(RepeatedDisputeDetector.NAME, RulesTaken.AT_START, false, CepDetectors::repeatedDisputes),
            keyed(OverdueResponseDetector.NAME, false, OperatorIds.OVERDUE_RESPONSE, DetectorInputs::complaintsAndAnswers,
                    OverdueResponseDetector.KEY, OverdueResponseDetector::new),
            new DetectorSpec(EscalatingDisputeDetector.NAME, RulesTaken.AT_START, false,
                    CepDetectors::escalatingDisputes),
            keyed(PatrolGapDetector.NAME, true, OperatorIds.PATROL_GAP, DetectorInputs::watchedPatrols,
                    Patrol::gridId, PatrolGapDetector::new),
            keyed(NewCategoryDetector.NAME, false, OperatorIds.NEW_CATEGORY, DetectorInputs::watchedComplaints,
                    NewCategoryDetector.KEY, NewCategoryDetector::new),
            keyed(GridHotspotDetector.NAME, true, OperatorIds.GRID_HOTSPOT, DetectorInputs::watchedComplaints,
                    Complaint::gridId, GridHotspotDetector::new),
            // Clusters are made of grid hotspots: the grid detector runs for either.
            keyed(ClusterHotspotDetector.NAME, false, OperatorIds.CLUSTER_HOTSPOT,
                    inputs -> inputs.alertsOf(GridHotspotDetector.NAME), Alert::street, ClusterHotspotDetector::new));

    /** The names of every detector, as in rules, alerts and dashboards. */
    public static final List<String> NAMES = ALL.stream().map(DetectorSpec::name).toList();

    /** The detectors named, in the order of {@link #ALL}. */
    public static List<DetectorSpec> named(Collection<String> names) {
        List<DetectorSpec> chosen = ALL.stream().filter(spec -> names.contains(spec.name())).toList();
        if (chosen.size() != Set.copyOf(names).size()) {
            throw new IllegalArgumentException("unknown detector among " + names + "; known: " + NAMES);
        }
        return chosen;
    }

    /** The one named. */
    static DetectorSpec named(String name) {
        return named(List.of(name)).get(0);
    }

    /** The sections of {@code rules.yaml} a running job cannot change: a restart applies them. */
    public static Set<String> fixedAtStart() {
        return ALL.stream().filter(spec -> spec.rulesTaken() == RulesTaken.AT_START).map(DetectorSpec::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The detectors that follow every alert with a recovery. */
    public static Set<String> recovering() {
        return ALL.stream().filter(DetectorSpec::announcesRecovery).map(DetectorSpec::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
