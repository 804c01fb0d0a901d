package io.gridwatch.common.rules;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.WireName;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
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
}
