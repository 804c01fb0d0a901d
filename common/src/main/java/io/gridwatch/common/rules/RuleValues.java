package io.gridwatch.common.rules;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.WireName;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and range checks shared by the rule records; each failure names the key. */
final class RuleValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(d|h|m|s)");

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
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration like 7d, 12h, 30m or 45s, was '" + text + "'");
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
