package io.gridwatch.detect.hotspot;

import java.io.Serializable;
import java.time.Duration;

/**
 * A grid's usual complaint rate: an exponentially weighted moving average (EWMA) of its hourly complaint counts.
 *
 * @param perHour the average, in complaints per hour
 * @param foldedUntil the start (epoch millis) of the first hour not yet folded into the average
 */
public record Baseline(double perHour, long foldedUntil) implements Serializable {

    static final long HOUR = Duration.ofHours(1).toMillis();

    /**
     * Folds one completed hour's count into the average, with weight {@code alpha = 1 - 2^(-1h / halfLife)}, so
     * that an hour {@code halfLife} ago weighs half as much as the latest.
     */
    Baseline fold(int count, double alpha) {
        return new Baseline(alpha * count + (1 - alpha) * perHour, foldedUntil + HOUR);
    }

    /** Folds {@code hours} empty hours at once: the average decays by {@code (1 - alpha)^hours}. */
    Baseline foldEmpty(long hours, double alpha) {
        return new Baseline(perHour * Math.pow(1 - alpha, hours), foldedUntil + hours * HOUR);
    }

    static double alpha(Duration halfLife) {
        return 1 - Math.pow(2, -(double) HOUR / halfLife.toMillis());
    }
}
