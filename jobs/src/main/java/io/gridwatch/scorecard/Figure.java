package io.gridwatch.scorecard;

import java.util.Locale;

/**
 * One measure's value for one group and month: a ratio with its counts, a time in hours, or a count; {@code value}
 * is {@code null} when there was nothing to measure (no complaint due, nothing rated), shown as "—" — never as 100 %
 * or 0 %.
 *
 * @param numerator the ratio's numerator, or {@code null} for a time or a count
 * @param denominator the ratio's denominator, or {@code null} for a time or a count
 */
public record Figure(Double value, Long numerator, Long denominator) {

    /** What a period without anything to measure shows. */
    public static final String NOTHING = "—";

    static Figure ratio(long numerator, long denominator) {
        return new Figure(denominator == 0 ? null : (double) numerator / denominator, numerator, denominator);
    }

    static Figure of(Double value) {
        return new Figure(value, null, null);
    }

    static Figure count(long count) {
        return of((double) count);
    }

    /** The figure as staff read it, in {@code unit}. */
    public String text(Measure.Unit unit) {
        if (value == null) {
            return NOTHING;
        }
        return switch (unit) {
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case HOURS -> String.format(Locale.ROOT, "%.1f", value);
            case COUNT -> String.format(Locale.ROOT, "%.0f", value);
        };
    }

    /** The change from {@code previous}, as staff read it ("+2.5", "−1.0"; percentage points for a ratio), or "—". */
    public String change(Figure previous, Measure.Unit unit) {
        if (value == null || previous == null || previous.value == null) {
            return NOTHING;
        }
        double delta = (value - previous.value) * (unit == Measure.Unit.PERCENT ? 100 : 1);
        String digits = String.format(Locale.ROOT, unit == Measure.Unit.COUNT ? "%.0f" : "%.1f", Math.abs(delta));
        return (delta > 0 ? "+" : delta < 0 ? "−" : "±") + digits;
    }
}
