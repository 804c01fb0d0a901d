package io.gridwatch.simulate;

import java.time.Duration;

/**
 * A graded hotspot to inject: for {@code over}, a grid's complaints come at {@code times} its own usual rate (the
 * extra ones from residents who have not complained before), to measure how strong and how long a surge must be
 * before the hotspot detector sees it.
 */
public record Surge(double times, Duration over) {

    public Surge {
        if (!(times > 1)) {
            throw new IllegalArgumentException("a surge must be more than 1 times the usual rate, was " + times);
        }
        if (over.isNegative() || over.isZero()) {
            throw new IllegalArgumentException("a surge must last, was " + over);
        }
    }

    /** Its label, e.g. {@code 5x-6h}. */
    public String label() {
        return "%sx-%dh".formatted(times == Math.rint(times) ? String.valueOf((long) times) : String.valueOf(times),
                over.toHours());
    }
}
