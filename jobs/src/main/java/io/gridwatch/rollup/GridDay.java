package io.gridwatch.rollup;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One grid's day (local date, Beijing time), as indexed into {@code gridwatch-grid-daily} under {@link #id()}.
 *
 * @param complaintsByCategory complaints that occurred that day, by category wire name
 * @param complaintsBySeverity the same complaints by severity 1-4
 * @param alertsByDetector distinct alerts created that day, by detector
 * @param patrols patrols of any kind that day
 * @param responses complaints first followed up that day (a {@code followup} or {@code resolution} naming them)
 * @param responseMinutesMedian median minutes from complaint to first follow-up among {@code responses}, or
 *     {@code null} when there were none; {@code responseMinutesP90} likewise the 90th percentile
 */
public record GridDay(
        String gridId,
        LocalDate date,
        int complaints,
        Map<String, Integer> complaintsByCategory,
        Map<String, Integer> complaintsBySeverity,
        Map<String, Integer> alertsByDetector,
        int patrols,
        int responses,
        Double responseMinutesMedian,
        Double responseMinutesP90)
        implements Serializable {

    public GridDay {
        complaintsByCategory = new TreeMap<>(complaintsByCategory);
        complaintsBySeverity = new TreeMap<>(complaintsBySeverity);
        alertsByDetector = new TreeMap<>(alertsByDetector);
    }

    /** Deterministic: a replay upserts the same document. */
    public String id() {
        return gridId + "_" + date;
    }
}
