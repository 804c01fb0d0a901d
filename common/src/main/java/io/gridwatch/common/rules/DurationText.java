package io.gridwatch.common.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in rules and on the command line: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO-8601 ({@code PT2H}). */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(-?\\d+)\\s*(d|h|m|s)");

    private DurationText() {}

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher m = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
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
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 7d, 12h, 30m or 45s");
        }
    }
}
