package io.gridwatch.detect.hotspot;

import io.gridwatch.common.rules.GridHotspotRule;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A grid's usual load, learnt from its own history day by day: its level (residents complaining per day), its weekly
 * rhythm (a rate per day of the week), its daily rhythm (the share of a day's residents in each hour) and its
 * over-dispersion (how much more days vary than a Poisson count would).
 *
 * <p>Everything learnt is a sum that decays by half every {@code baseline_half_life}: residents by local hour and by
 * local day of the week, days observed per day of the week, and per completed day the excess of its squared deviation
 * from what was expected, {@code (n − E)² − n}, and {@code E²}, whose ratio estimates the over-dispersion by the method
 * of moments (variance {@code E + φE²}). Each estimate is shrunk towards a prior that weighs little once the grid has
 * history: the level towards {@code prior_per_day} (worth one day), each weekday's rate towards the grid's level
 * (worth one day), the hourly shares towards a flat day (worth a resident an hour), the over-dispersion towards
 * {@code prior_overdispersion} (worth a week of a grid with at least four residents a day, since a quiet grid's days
 * say little about it).
 *
 * <p>Hours are folded in as they complete, into the current local day; the day is learnt when it is complete, so what
 * a day is judged against never chases that day's own complaints — a surge lasting all day is measured against the
 * days before it. An hour and a day are learnt only up to what the grid could usually see in them
 * ({@link #learnable}), so a burst does not teach the grid that bursts are usual. A grid therefore learns its level
 * within days and its rhythm within weeks, and a busy grid's morning peak or Monday is not mistaken for a burst.
 *
 * <p>Local hours and days are the city's ({@code zone}); all times are epoch millis.
 *
 * @param byHour decayed residents of completed days by local hour of day
 * @param byWeekday decayed residents of completed days by local day of the week, Monday first
 * @param weekdayDays decayed days observed, by local day of the week
 * @param today residents by local hour in the completed hours of the day being folded, as learnt (capped)
 * @param todayHours how many hours of that day have been folded
 * @param dayExpected what the rhythm expected for those hours
 * @param excess decayed sum over completed days of {@code (n − E)² − n}
 * @param squares decayed sum over completed days of {@code E²}
 * @param foldedUntil the start of the first hour not yet folded in
 */
public record Rhythm(double[] byHour, double[] byWeekday, double[] weekdayDays, double[] today, int todayHours,
        double dayExpected, double excess, double squares, long foldedUntil) implements Serializable {

    static final long HOUR = Duration.ofHours(1).toMillis();
    private static final double PRIOR_DAYS = 1;
    private static final double WEEKDAY_PRIOR_DAYS = 1;
    private static final double HOUR_PRIOR_RESIDENTS = 24;
    private static final double DISPERSION_PRIOR_DAYS = 7;
    private static final double DISPERSION_PRIOR_LEVEL = 4;

    /** Nothing learnt yet; the first hour to fold starts at {@code hour}. */
    static Rhythm startingAt(long hour) {
        return new Rhythm(new double[24], new double[7], new double[7], new double[24], 0, 0, 0, 0, hour);
    }

    /**
     * This rhythm with the hour at {@code foldedUntil}, in which {@code residents} complained, and every empty hour
     * after it up to {@code hour} folded in; unchanged when {@code hour} is not later.
     */
    Rhythm foldUntil(long hour, int residents, ZoneId zone, GridHotspotRule rule) {
        if (hour <= foldedUntil) {
            return this;
        }
        double keepDay = Math.pow(2, -(double) Duration.ofDays(1).toMillis() / rule.baselineHalfLife().toMillis());
        double[] byHour = this.byHour.clone(), byWeekday = this.byWeekday.clone(), days = weekdayDays.clone(),
                today = this.today.clone();
        int todayHours = this.todayHours;
        double dayExpected = this.dayExpected, excess = this.excess, squares = this.squares;
        Rhythm learnt = this;
        for (long start = foldedUntil; start < hour; start += HOUR) {
            long local = localSeconds(start, zone);
            int h = hourOfDay(local), d = weekday(local);
            double expected = learnt.perHour(d, h, rule.priorPerDay());
            double overdispersion = learnt.overdispersion(rule);
            today[h] += start == foldedUntil ? learnable(residents, expected, overdispersion) : 0;
            todayHours++;
            dayExpected += expected;
            if (hourOfDay(localSeconds(start + HOUR, zone)) == 0) { // the local day is complete: learn it
                double counted = sum(today);
                double day = learnable(counted, dayExpected, overdispersion); // a day of bursts, capped too
                for (int i = 0; i < 24; i++) {
                    byHour[i] = byHour[i] * keepDay + (counted > 0 ? today[i] * day / counted : 0);
                }
                for (int i = 0; i < 7; i++) {
                    byWeekday[i] *= keepDay;
                    days[i] *= keepDay;
                }
                byWeekday[d] += day;
                days[d] += todayHours / 24.0;
                excess = excess * keepDay + (day - dayExpected) * (day - dayExpected) - day;
                squares = squares * keepDay + dayExpected * dayExpected;
                today = new double[24];
                todayHours = 0;
                dayExpected = 0;
                learnt = new Rhythm(byHour.clone(), byWeekday.clone(), days.clone(), today, 0, 0, excess, squares,
                        start + HOUR);
            }
        }
        return new Rhythm(byHour, byWeekday, days, today, todayHours, dayExpected, excess, squares, hour);
    }

    /**
     * How much of an hour's (or a day's) {@code residents} is learnt: at most what the grid could usually see in it,
     * its expected count plus three standard deviations plus two. A hotspot is not what a grid is usually like —
     * learnt whole, a mass incident would raise the level and the over-dispersion so far that the next one went
     * unseen for weeks (surveillance methods down-weight past outbreaks for the same reason; Farrington et al. 1996,
     * Noufaily et al. 2013). An ordinary rise is still learnt: its hours stay within the cap, which grows with the
     * level.
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

    /**
     * What a window usually brings.
     *
     * @param expected residents usually complaining in it
     * @param overdispersion how much more than Poisson its count varies: the grid's day-to-day over-dispersion plus
     *     the relative variance of {@code expected} itself
     */
    record Window(double expected, double overdispersion) {}

    /**
     * The window from {@code from} to {@code to}: the hours' rates, each by how much of the hour is covered, and how
     * uncertain their sum is — the relative variance of an expectation estimated from a few days and residents. The
     * day-of-week rate of the window's end rests on {@code D} days (decayed) shrunk by {@code S} prior days, each
     * varying by {@code 1/r + φ} relative to its rate {@code r}: {@code D/(D+S)² · (1/r + φ)}; the window's share of
     * the day rests on the residents seen in its hours: {@code 1/n}. Counted like over-dispersion (a rate known only to
     * within a gamma factor widens the tail the same way), it keeps a grid with little history from crying wolf on
     * its estimate's luck, as the Farrington threshold allows for the baseline's estimation error.
     */
    Window window(long from, long to, ZoneId zone, GridHotspotRule rule) {
        double expected = 0, residents = 0;
        for (long start = Math.floorDiv(from, HOUR) * HOUR; start < to; start += HOUR) {
            double covered = Math.min(to, start + HOUR) - Math.max(from, start);
            long local = localSeconds(start, zone);
            int h = hourOfDay(local);
            expected += perHour(weekday(local), h, rule.priorPerDay()) * covered / HOUR;
            residents += (byHour[h] + HOUR_PRIOR_RESIDENTS / 24) * covered / HOUR;
        }
        int d = weekday(localSeconds(to - 1, zone));
        double days = weekdayDays[d], overdispersion = overdispersion(rule);
        double ofDay = days / ((days + WEEKDAY_PRIOR_DAYS) * (days + WEEKDAY_PRIOR_DAYS))
                * (1 / perDay(d, rule.priorPerDay()) + overdispersion);
        return new Window(expected, overdispersion + (ofDay + 1 / residents));
    }

    /** Residents usually complaining on a day of the week {@code d}. */
    private double perDay(int d, double priorPerDay) {
        return (byWeekday[d] + WEEKDAY_PRIOR_DAYS * level(priorPerDay)) / (weekdayDays[d] + WEEKDAY_PRIOR_DAYS);
    }

    /** Residents usually complaining in hour {@code h} of a day of the week {@code d}. */
    private double perHour(int d, int h, double priorPerDay) {
        double share = (byHour[h] + HOUR_PRIOR_RESIDENTS / 24) / (sum(byHour) + HOUR_PRIOR_RESIDENTS);
        return perDay(d, priorPerDay) * share;
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
