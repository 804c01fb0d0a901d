package io.gridwatch.replay;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.simulate.Scenario;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a replay found, per detector: alerts by level and, where the history carries ground-truth labels, recall
 * (the share of labelled scenarios some alert reports) and precision (the share of alerts that report a labelled
 * scenario).
 */
public record BacktestReport(Map<String, Row> rows, boolean labelled) {

    /** One detector's line. {@code labels} is 0 where nothing was labelled for it. */
    public record Row(Map<AlertLevel, Integer> byLevel, int alerts, int labels, int found, int matchedAlerts) {

        /** Found scenarios over labelled ones, or {@code NaN} without labels. */
        public double recall() {
            return labels == 0 ? Double.NaN : (double) found / labels;
        }

        /** Alerts that report a labelled scenario over all alerts, or {@code NaN} without alerts or labels. */
        public double precision() {
            return labels == 0 || alerts == 0 ? Double.NaN : (double) matchedAlerts / alerts;
        }
    }

    /** @param labels the ground truth, or an empty list */
    public static BacktestReport of(List<Alert> alerts, List<Scenario> labels) {
        TreeSet<String> detectors = new TreeSet<>();
        alerts.forEach(a -> detectors.add(a.detector()));
        labels.forEach(l -> detectors.add(l.detector()));
        Map<String, Row> rows = new TreeMap<>();
        for (String detector : detectors) {
            List<Alert> mine = alerts.stream().filter(a -> a.detector().equals(detector)).toList();
            List<Scenario> truth = labels.stream().filter(l -> l.detector().equals(detector)).toList();
            Map<AlertLevel, Integer> byLevel = new EnumMap<>(AlertLevel.class);
            mine.forEach(a -> byLevel.merge(a.level(), 1, Integer::sum));
            int found = (int) truth.stream().filter(l -> mine.stream().anyMatch(l::reportedBy)).count();
            int matched = (int) mine.stream().filter(a -> truth.stream().anyMatch(l -> l.reportedBy(a))).count();
            rows.put(detector, new Row(byLevel, mine.size(), truth.size(), found, matched));
        }
        return new BacktestReport(rows, !labels.isEmpty());
    }
}
