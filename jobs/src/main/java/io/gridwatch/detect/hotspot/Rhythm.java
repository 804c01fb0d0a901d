package io.gridwatch.detect.hotspot;

import io.gridwatch.common.rules.GridHotspotRule;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A grid's usual load, learnt from its own history hour by hour: its level (residents complaining per day), its
 * weekly rhythm (a rate per day of the week), its daily rhythm (the share of a day's residents in each hour) and its
 * over-dispersion (how much more days vary than a Poisson count would).
 *
 * <p>Everything is a sum that decays by half every {@code baseline_half_life}: residents by local hour and by local
 * day of the week, days observed per day of the week, and per completed day the excess of its squared deviation from
 * what was expected, {@code (n − E)² − n}, and {@code E²}, whose ratio estimates the over-dispersion by the method
 * of moments (variance {@code E + φE²}). Each estimate is shrunk towards a prior that weighs little once the grid has
 * history: the level towards {@code prior_per_day} (worth one day), each weekday's rate towards the grid's level
 * (worth half a day), the hourly shares towards a flat day (worth six residents), the over-dispersion towards
 * {@code prior_overdispersion} (worth a week of a grid with at least four residents a day, since a quiet grid's days
 * say little about it). An hour is learnt up to what the grid could usually see in it ({@link #learnable}), so a burst
 * does not teach the grid that bursts are usual. A grid therefore learns its level within days and its rhythm within
 * weeks, and a busy grid's morning peak or Monday is not mistaken for a burst.
 *
 * <p>Local hours and days are the city's ({@code zone}); all times are epoch millis.
 *
 * @param byHour decayed residents by local hour of day
 * @param byWeekday decayed residents by local day of the week, Monday first
 * @param weekdayDays decayed days observed, by local day of the week
 * @param dayResidents residents in the completed hours of the local day being folded
 * @param dayExpected what the rhythm expected for those hours, as it stood before each
 * @param excess decayed sum over completed days of {@code (n − E)² − n}
 * @param squares decayed sum over completed days of {@code E²}
 * @param foldedUntil the start of the first hour not yet folded in
 */
public record Rhythm(double[] byHour, double[] byWeekday, double[] weekdayDays, double dayResidents,
        double dayExpected, double excess, double squares, long foldedUntil) implements Serializable {

    static final long HOUR = Duration.ofHours(1).toMillis();
    private static final double PRIOR_DAYS = 1;
    private static final double WEEKDAY_PRIOR_DAYS = 0.5;
    private static final double HOUR_PRIOR_RESIDENTS = 6;
    private static final double DISPERSION_PRIOR_DAYS = 7;
    private static final double DISPERSION_PRIOR_LEVEL = 4;

    /** Nothing learnt yet; the first hour to fold starts at {@code hour}. */
    static Rhythm startingAt(long hour) {
        return new Rhythm(new double[24], new double[7], new double[7], 0, 0, 0, 0, hour);
    }

    /**
     * This rhythm with the hour at {@code foldedUntil}, in which {@code residents} complained, and every empty hour
     * after it up to {@code hour} folded in; unchanged when {@code hour} is not later.
     */
    Rhythm foldUntil(long hour, int residents, ZoneId zone, GridHotspotRule rule) {
        if (hour <= foldedUntil) {
            return this;
        }
        double keep = Math.pow(2, -(double) HOUR / rule.baselineHalfLife().toMillis());
        double overdispersion = overdispersion(rule);
        Rhythm folded = this;
        double[] byHour = this.byHour.clone(), byWeekday = this.byWeekday.clone(), days = weekdayDays.clone();
        double dayResidents = this.dayResidents, dayExpected = this.dayExpected, excess = this.excess,
                squares = this.squares;
        for (long start = foldedUntil; start < hour; start += HOUR) {
            long local = localSeconds(start, zone);
            int h = hourOfDay(local), d = weekday(local);
            double expected = folded.perHour(d, h, rule.priorPerDay());
            double count = start == foldedUntil ? learnable(residents, expected, overdispersion) : 0;
            dayExpected += expected;
            dayResidents += count;
            for (int i = 0; i < 24; i++) {
                byHour[i] *= keep;
            }
            for (int i = 0; i < 7; i++) {
                byWeekday[i] *= keep;
                days[i] *= keep;
            }
            excess *= keep;
            squares *= keep;
            byHour[h] += count;
            byWeekday[d] += count;
            days[d] += 1.0 / 24;
            if (hourOfDay(localSeconds(start + HOUR, zone)) == 0) { // the local day is complete
                double day = learnable(dayResidents, dayExpected, overdispersion); // a day of bursts, capped too
                excess += (day - dayExpected) * (day - dayExpected) - day;
                squares += dayExpected * dayExpected;
                dayResidents = 0;
                dayExpected = 0;
            }
            folded = new Rhythm(byHour, byWeekday, days, dayResidents, dayExpected, excess, squares, start + HOUR);
        }
        return folded;
    }

    /**
     * How much of an hour's (or a day's) {@code residents} is learnt: at most what the grid could usually see in it,
     * its expected count plus three standard deviations plus two. A hotspot is not what a grid is usually like — learnt whole, a
     * mass incident would raise the level and the over-dispersion so far that the next one went unseen for weeks
     * (surveillance methods down-weight past outbreaks for the same reason; Farrington et al. 1996, Noufaily et al.
     * 2013). An ordinary rise is still learnt: its hours stay within the cap, which grows with the level.
     */
    static double learnable(double residents, double expected, double overdispersion) {
        return Math.min(residents, expected + 3 * Math.sqrt(expected + overdispersion * expected * expected) + 2);
    }

    /** Residents usually complaining per day, the days of the week averaged. */
    double level(double priorPerDay) {
        return (sum(byWeekday) + priorPerDay * PRIOR_DAYS) / (sum(weekdayDays) + PRIOR_DAYS);
    }

    /** The over-dispersion φ of a day's count: variance {@code E + φE²}. */
    double overdispersion(GridHotspotRule rule) {
        double level = Math.max(level(rule.priorPerDay()), DISPERSION_PRIOR_LEVEL);
        double prior = DISPERSION_PRIOR_DAYS * level * level;
        return Math.max(0, (excess + prior * rule.priorOverdispersion()) / (squares + prior));
    }

    /** Residents usually complaining from {@code from} to {@code to}: the hours' rates, each by how much is covered. */
    double expected(long from, long to, ZoneId zone, double priorPerDay) {
        double expected = 0;
        for (long start = Math.floorDiv(from, HOUR) * HOUR; start < to; start += HOUR) {
            double covered = Math.min(to, start + HOUR) - Math.max(from, start);
            long local = localSeconds(start, zone);
            expected += perHour(weekday(local), hourOfDay(local), priorPerDay) * covered / HOUR;
        }
        return expected;
    }

    /** Residents usually complaining in hour {@code h} of a day of the week {@code d}. */
    private double perHour(int d, int h, double priorPerDay) {
        double perDay = (byWeekday[d] + WEEKDAY_PRIOR_DAYS * level(priorPerDay)) / (weekdayDays[d] + WEEKDAY_PRIOR_DAYS);
        double share = (byHour[h] + HOUR_PRIOR_RESIDENTS / 24) / (sum(byHour) + HOUR_PRIOR_RESIDENTS);
        return perDay * share;
    }

    private static long localSeconds(long epochMillis, ZoneId zone) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        return seconds + zone.getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
    }

    private static int hourOfDay(long localSeconds) {
        return (int) Math.floorMod(Math.floorDiv(localSeconds, 3600L), 24L);
    }

    /** Monday 0 … Sunday 6; 1 January 1970 was a Thursday. */
    private static int weekday(long localSeconds) {
        return (int) Math.floorMod(Math.floorDiv(localSeconds, 86400L) + 3, 7L);
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }
}
