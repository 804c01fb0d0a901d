package io.gridwatch.rollup;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.stats.NearestRank;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The running counts of one grid's day, kept in state until the day is final. */
public final class DayTally implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Integer> byCategory = new TreeMap<>();
    private final Map<String, Integer> bySeverity = new TreeMap<>();
    private final Map<String, TreeSet<String>> alertIdsByDetector = new TreeMap<>();
    private final List<Double> responseMinutes = new ArrayList<>();
    private int complaints;
    private int patrols;

    void complaint(Complaint complaint) {
        complaints++;
        byCategory.merge(complaint.category().wireName(), 1, Integer::sum);
        bySeverity.merge(String.valueOf(complaint.severity()), 1, Integer::sum);
    }

    void patrol() {
        patrols++;
    }

    /** Counts an alert once, however often suppression re-emits it. */
    void alert(String detector, String alertId) {
        alertIdsByDetector.computeIfAbsent(detector, d -> new TreeSet<>()).add(alertId);
    }

    void response(double minutes) {
        responseMinutes.add(minutes);
    }

    GridDay toGridDay(String gridId, LocalDate date) {
        Map<String, Integer> alerts = new TreeMap<>();
        alertIdsByDetector.forEach((detector, ids) -> alerts.put(detector, ids.size()));
        List<Double> sorted = responseMinutes.stream().sorted().toList();
        return new GridDay(gridId, date, complaints, byCategory, bySeverity, alerts, patrols, sorted.size(),
                NearestRank.percentile(sorted, 50), NearestRank.percentile(sorted, 90));
    }
}
