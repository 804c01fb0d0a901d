package io.gridwatch.cases;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.detect.RepeatedDisputeDetector;
import java.util.List;

/**
 * A complaint that is evidence of a {@code repeated_dispute} alert (重复诉求): its case is marked, whenever and in
 * whatever order the alert and the case are written.
 */
public record RepeatedEvidence(String gridId, String complaintId) {

    /** The complaints {@code alert} names as evidence, if it is a repeated dispute raised (not a recovery). */
    public static List<RepeatedEvidence> of(Alert alert) {
        if (!alert.detector().equals(RepeatedDisputeDetector.NAME) || alert.recoveredAt() != null) {
            return List.of();
        }
        return alert.eventIds().stream().map(id -> new RepeatedEvidence(alert.gridId(), id)).toList();
    }

    /** The id of the evidence's case document. */
    public String caseId() {
        return ComplaintCase.idOf(gridId, complaintId);
    }
}
