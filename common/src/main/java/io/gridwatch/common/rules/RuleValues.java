package io.gridwatch.common.rules;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.WireName;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/** Parsing and range checks shared by the rule records; each failure names the key. */
final class RuleValues {

    private RuleValues() {}

    /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO-8601 ({@code PT2H}); must be positive. */
    static Duration positiveDuration(String key, String text) {
        if (text == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        Duration duration = parseDuration(key, text.trim());
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + text);
        }
        return duration;
    }

    /** As {@link #positiveDuration}, but zero is allowed. */
    static Duration nonNegativeDuration(String key, String text) {
        if (text == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        Duration duration = parseDuration(key, text.trim());
        if (duration.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, was " + text);
        }
        return duration;
    }

    private static Duration parseDuration(String key, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    static Set<Category> categories(String key, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(key + " must name at least one category");
        }
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (String name : names) {
            categories.add(WireName.find(Category.class, name)
                    .orElseThrow(() -> new IllegalArgumentException(
                            key + ": unknown category '" + name + "'; known: " + WireName.choices(Category.class))));
        }
        return categories;
    }

    static void severity(String key, int severity) {
        if (severity < Complaint.MIN_SEVERITY || severity > Complaint.MAX_SEVERITY) {
            throw new IllegalArgumentException(key + " must be a severity 1-4, was " + severity);
        }
    }

    static void levels(int orangeAtSeverity, int redAtSeverity) {
        severity("orange_at_severity", orangeAtSeverity);
        severity("red_at_severity", redAtSeverity);
        if (redAtSeverity < orangeAtSeverity) {
            throw new IllegalArgumentException("red_at_severity must not be below orange_at_severity");
        }
    }

    static AlertLevel levelFor(int severity, int orangeAtSeverity, int redAtSeverity) {
        if (severity >= redAtSeverity) {
            return AlertLevel.RED;
        }
        return severity >= orangeAtSeverity ? AlertLevel.ORANGE : AlertLevel.YELLOW;
    }

    /** A duration for each severity 1-4, keyed by the severity; all four are required. */
    static Map<Integer, Duration> bySeverity(String key, Map<String, String> values) {
        Map<Integer, Duration> bySeverity = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            int severity;
            try {
                severity = Integer.parseInt(entry.getKey().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + entry.getKey() + "' is not a severity 1-4");
            }
            severity(key, severity);
            bySeverity.put(severity, positiveDuration(key + "." + severity, entry.getValue()));
        }
        for (int severity = Complaint.MIN_SEVERITY; severity <= Complaint.MAX_SEVERITY; severity++) {
            if (!bySeverity.containsKey(severity)) {
                throw new IllegalArgumentException(key + " has no value for severity " + severity);
            }
        }
        return bySeverity;
    }

    static Map<String, Duration> durations(String key, Map<String, String> values) {
        Map<String, Duration> durations = new TreeMap<>();
        if (values != null) {
            values.forEach((name, text) -> durations.put(name, positiveDuration(key + "." + name, text)));
        }
        return durations;
    }

    static List<Duration> positiveDurations(String key, List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException(key + " must name at least one duration");
        }
        return texts.stream().map(text -> positiveDuration(key, text)).toList();
    }
}
