package io.gridwatch.detect.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.testing.Detection;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A grid's learnt level, rhythm and over-dispersion, and what they expect of a window. */
@Tag("unit")
class RhythmTest {

    private static final GridHotspotRule RULE = Detection.DEFAULT_RULES.gridHotspot().base();
    private static final ZonedDateTime MONDAY = LocalDate.of(2026, 3, 2).atStartOfDay(CityTime.ZONE);

    @Test
    void expectsThePriorBeforeAnyHistory() {
        Rhythm none = Rhythm.startingAt(millis(MONDAY));

        assertThat(none.level(RULE.priorPerDay())).isEqualTo(2.0);
        assertThat(none.overdispersion(RULE)).isCloseTo(RULE.priorOverdispersion(), within(1e-12));
        assertThat(expected(none, MONDAY.plusHours(3), 1)).isCloseTo(2.0 / 24, within(1e-12));
    }

    @Test
    void learnsADayOnceItIsComplete() {
        Rhythm start = Rhythm.startingAt(millis(MONDAY));
        assertThat(start.foldUntil(millis(MONDAY), 2, CityTime.ZONE, RULE)).isSameAs(start);

        // Two residents in the first hour: counted for the day, not yet learnt — the day is judged by the days before.
        Rhythm twoHoursLater = start.foldUntil(millis(MONDAY.plusHours(2)), 2, CityTime.ZONE, RULE);
        assertThat(twoHoursLater.foldedUntil()).isEqualTo(millis(MONDAY.plusHours(2)));
        assertThat(twoHoursLater.today()[0]).isEqualTo(2);
        assertThat(twoHoursLater.level(RULE.priorPerDay())).isEqualTo(2.0);
        assertThat(expected(twoHoursLater, MONDAY.plusHours(5), 1)).isEqualTo(expected(start, MONDAY.plusHours(5), 1));

        Rhythm nextDay = twoHoursLater.foldUntil(millis(MONDAY.plusDays(1)), 0, CityTime.ZONE, RULE);
        assertThat(nextDay.byHour()[0]).isEqualTo(2);
        assertThat(nextDay.weekdayDays()[0]).isEqualTo(1);
        assertThat(nextDay.level(RULE.priorPerDay())).isCloseTo((2 + 2) / 2.0, within(1e-12));
    }

    @Test
    void learnsABurstOnlyUpToWhatTheGridCouldUsuallySee() {
        // 180 residents in an hour of a grid that usually sees 2 a day: learnt as its expected 2/24 plus three
        // standard deviations (with the prior over-dispersion) plus two, and the day up to its own cap.
        Rhythm start = Rhythm.startingAt(millis(MONDAY));
        Rhythm afterBurst = start.foldUntil(millis(MONDAY.plusHours(1)), 180, CityTime.ZONE, RULE);

        double expected = 2.0 / 24;
        double cap = expected + 3 * Math.sqrt(expected + RULE.priorOverdispersion() * expected * expected) + 2;
        assertThat(afterBurst.today()[0]).isCloseTo(cap, within(1e-9));
        Rhythm nextDay = afterBurst.foldUntil(millis(MONDAY.plusDays(1)), 0, CityTime.ZONE, RULE);
        assertThat(nextDay.level(RULE.priorPerDay())).isLessThan(3);
    }

    @Test
    void learnsTheDailyRhythm() {
        // Four weeks of six residents in the 9 o'clock hour and one at 3 in the afternoon, nobody at night.
        Rhythm learnt = learn(28, at -> at.getHour() == 9 ? 6 : at.getHour() == 15 ? 1 : 0);

        // Seven a day, a little short of it: the prior of 2 a day stays worth one day of history.
        assertThat(learnt.level(RULE.priorPerDay())).isCloseTo(7, within(0.5));
        double morning = expected(learnt, MONDAY.plusDays(28).plusHours(9), 1);
        double night = expected(learnt, MONDAY.plusDays(28).plusHours(3), 1);
        // Shrunk towards a flat day by a resident an hour: most of the morning's six, a small part of the night.
        assertThat(morning).isBetween(4.0, 6.0);
        assertThat(night).isLessThan(morning / 20);
    }

    @Test
    void learnsTheWeeklyRhythm() {
        // Ten residents a weekday, one an hour from 8 o'clock; two a day at weekends.
        Rhythm learnt = learn(28, at -> at.getDayOfWeek().getValue() >= 6
                ? (at.getHour() == 10 || at.getHour() == 15 ? 1 : 0)
                : (at.getHour() >= 8 && at.getHour() < 18 ? 1 : 0));

        double monday = expected(learnt, MONDAY.plusDays(28), 24);
        double saturday = expected(learnt, MONDAY.plusDays(33), 24);
        // Each day of the week shrunk a little towards the grid's level (7.7 a day), by one day's worth.
        assertThat(monday).isCloseTo(10, within(1.5));
        assertThat(saturday).isCloseTo(2, within(1.5));
        assertThat(saturday).isLessThan(monday / 2.5);
        assertThat(MONDAY.plusDays(33).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    }

    @Test
    void learnsOverdispersionFromDaysThatVary() {
        // Ten residents every day, one an hour from 8 o'clock; or twenty every other day, two an hour.
        Rhythm steady = learn(42, at -> at.getHour() >= 8 && at.getHour() < 18 ? 1 : 0);
        Rhythm swinging = learn(42, at -> at.getHour() >= 8 && at.getHour() < 18 && at.getDayOfYear() % 2 == 0 ? 2 : 0);

        // Alike in level, but a steady grid's days vary less than Poisson, a swinging one's far more.
        assertThat(steady.level(RULE.priorPerDay())).isCloseTo(swinging.level(RULE.priorPerDay()), within(1.0));
        assertThat(steady.overdispersion(RULE)).isLessThan(RULE.priorOverdispersion());
        assertThat(swinging.overdispersion(RULE)).isGreaterThan(0.5);
    }

    /** {@code days} from Monday, {@code residents} in each local hour. */
    private static Rhythm learn(int days, ToIntFunction<ZonedDateTime> residents) {
        Rhythm rhythm = Rhythm.startingAt(millis(MONDAY));
        for (ZonedDateTime hour = MONDAY; hour.isBefore(MONDAY.plusDays(days)); hour = hour.plusHours(1)) {
            rhythm = rhythm.foldUntil(millis(hour.plusHours(1)), residents.applyAsInt(hour), CityTime.ZONE, RULE);
        }
        return rhythm;
    }

    private static double expected(Rhythm rhythm, ZonedDateTime from, int hours) {
        return rhythm.window(millis(from), millis(from.plusHours(hours)), CityTime.ZONE, RULE).expected();
    }

    private static long millis(ZonedDateTime at) {
        return at.toInstant().toEpochMilli();
    }
}
