package io.gridwatch.simulate;

import io.gridwatch.common.alert.Alert;
import java.time.Instant;
import java.util.List;

/**
 * A ground-truth label: a risk the simulator injected, and the detector that should report it.
 *
 * @param gridIds the grids involved (several for a cluster)
 * @param from when the injected pattern began
 * @param until by when the detector should have raised its alert (its deadline or window, with a margin)
 * @param eventIds the injected events; empty for absences (a neglected grid)
 */
public record Scenario(String id, String detector, List<String> gridIds, Instant from, Instant until, List<String> eventIds) {

    public Scenario {
        gridIds = List.copyOf(gridIds);
        eventIds = List.copyOf(eventIds);
    }

    /**
     * Whether {@code alert} reports this scenario: the same detector, one of its grids, and either some of its
     * events as evidence or, for alerts whose evidence is not the injected events, raised within its period.
     */
    public boolean reportedBy(Alert alert) {
        if (!alert.detector().equals(detector) || !gridIds.contains(alert.gridId())) {
            return false;
        }
        boolean sharesEvidence = alert.eventIds().stream().anyMatch(eventIds::contains);
        return sharesEvidence || (!alert.createdAt().isBefore(from) && !alert.createdAt().isAfter(until));
    }
}
