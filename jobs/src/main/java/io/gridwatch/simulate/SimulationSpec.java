package io.gridwatch.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What to simulate: {@code days} of event time ending at {@code end}, background complaints at
 * {@code complaintsPerGridPerDay} on average and shaped by {@code background}, {@code scenariosPerKind} injected
 * scenarios of each kind, graded {@code surges} (each in a grid of its own, after the first {@link #SURGES_AFTER_DAYS}
 * days), and how the input reaches GridWatch ({@code intake}).
 */
public record SimulationSpec(long seed, Instant end, int days, double complaintsPerGridPerDay, int scenariosPerKind,
        Intake intake, Background background, List<Surge> surges) {

    /** Surges are injected after the first two weeks, once a freshly started detector has learnt the grids. */
    public static final int SURGES_AFTER_DAYS = 14;

    /** Scenarios need room: the longest, a neglected grid, spans ten days plus the week before it. */
    public static final int MIN_DAYS = 14;

    public SimulationSpec {
        if (days < MIN_DAYS) {
            throw new IllegalArgumentException("days must be at least " + MIN_DAYS + ", was " + days);
        }
        if (!(complaintsPerGridPerDay >= 0 && complaintsPerGridPerDay <= 1000)) {
            throw new IllegalArgumentException("complaints per grid and day must be 0-1000, was " + complaintsPerGridPerDay);
        }
        if (scenariosPerKind < 0) {
            throw new IllegalArgumentException("scenarios per kind must not be negative, was " + scenariosPerKind);
        }
        surges = List.copyOf(surges);
        if (!surges.isEmpty() && days < SURGES_AFTER_DAYS + 3) {
            throw new IllegalArgumentException("surges need at least " + (SURGES_AFTER_DAYS + 3) + " days, was " + days);
        }
    }

    /** With the daily and weekly rhythm and no surges. */
    public SimulationSpec(long seed, Instant end, int days, double complaintsPerGridPerDay, int scenariosPerKind,
            Intake intake) {
        this(seed, end, days, complaintsPerGridPerDay, scenariosPerKind, intake, Background.RHYTHMIC, List.of());
    }

    /** Delivered {@link Intake#PROMPT promptly}. */
    public SimulationSpec(long seed, Instant end, int days, double complaintsPerGridPerDay, int scenariosPerKind) {
        this(seed, end, days, complaintsPerGridPerDay, scenariosPerKind, Intake.PROMPT);
    }

    public Instant start() {
        return end.minus(Duration.ofDays(days));
    }
}
