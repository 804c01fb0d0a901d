package io.gridwatch.scorecard;

import io.gridwatch.common.stats.NearestRank;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The scorecard's measures (考核指标), each defined here once, with its formula. A month is a local month (Beijing
 * time); complaints belong to the month they were accepted in (受理), warnings to the month they were raised in; a
 * ratio with nothing to count is "—". Times are nearest-rank percentiles ({@link NearestRank}), in hours.
 */
public enum Measure {

    COMPLAINTS("complaints", "诉求数", Unit.COUNT, Better.NEITHER,
            "complaints accepted in the month",
            s -> Figure.count(s.accepted().size())),

    ON_TIME_RESPONSE("on_time_response", "响应率", Unit.PERCENT, Better.HIGHER,
            "complaints answered (followup or resolution) before their deadline ÷ complaints whose deadline fell in "
                    + "the month and has passed or was met; the deadline is overdue_response's "
                    + "(acceptance + SLA by severity)",
            s -> Figure.ratio(count(s.due(), c -> c.onTime() == 1), s.due().size())),

    RESOLUTION("resolution", "办结率", Unit.PERCENT, Better.HIGHER,
            "complaints accepted in the month and resolved ÷ complaints accepted in the month",
            s -> Figure.ratio(count(s.accepted(), CaseFact::resolved), s.accepted().size())),

    ANSWER_MEDIAN("answer_hours_median", "响应时长中位数(小时)", Unit.HOURS, Better.LOWER,
            "median hours from acceptance to the first answer, of the month's complaints answered",
            s -> hours(s.accepted(), CaseFact::answerMinutes, 50)),

    ANSWER_P90("answer_hours_p90", "响应时长P90(小时)", Unit.HOURS, Better.LOWER,
            "90th percentile of the same",
            s -> hours(s.accepted(), CaseFact::answerMinutes, 90)),

    RESOLVE_MEDIAN("resolve_hours_median", "办结时长中位数(小时)", Unit.HOURS, Better.LOWER,
            "median hours from acceptance to resolution, of the month's complaints resolved",
            s -> hours(s.accepted(), CaseFact::resolveMinutes, 50)),

    RESOLVE_P90("resolve_hours_p90", "办结时长P90(小时)", Unit.HOURS, Better.LOWER,
            "90th percentile of the same",
            s -> hours(s.accepted(), CaseFact::resolveMinutes, 90)),

    SATISFACTION("satisfaction", "满意率", Unit.PERCENT, Better.HIGHER,
            "(satisfied + basically satisfied) ÷ rated, of the month's complaints; the latest rating counts",
            s -> {
                List<CaseFact> rated = s.accepted().stream().filter(c -> c.satisfied() != null).toList();
                return Figure.ratio(count(rated, c -> c.satisfied() == 1), rated.size());
            }),

    REPEATED("repeated", "重复诉求率", Unit.PERCENT, Better.LOWER,
            "the month's complaints that are evidence of a repeated_dispute warning ÷ the month's complaints",
            s -> Figure.ratio(count(s.accepted(), CaseFact::repeated), s.accepted().size())),

    PATROL_COVERAGE("patrol_coverage", "走访覆盖率", Unit.PERCENT, Better.HIGHER,
            "grid-days with a patrol ÷ grid-days governed (from a grid's first day, up to today); a village's day "
                    + "counts when it had a patrol within its patrol interval",
            s -> Figure.ratio(s.coveredGridDays(), s.gridDays())),

    ACK_ON_TIME("ack_on_time", "预警签收及时率", Unit.PERCENT, Better.HIGHER,
            "warnings pushed (not silenced) acknowledged or closed within their level's escalation deadline ÷ warnings "
                    + "pushed whose deadline has passed or was met, less those that recovered of themselves before it",
            Measure::acknowledgedOnTime),

    ESCALATED_TO_COMMUNITY("escalated_to_community", "升级至社区", Unit.COUNT, Better.LOWER,
            "the month's warnings that went unacknowledged at the grid lead and escalated to the community",
            s -> Figure.count(count(s.warnings(), w -> w.escalatedTo().contains("community")))),

    ESCALATED_TO_STREET("escalated_to_street", "升级至街道", Unit.COUNT, Better.LOWER,
            "of those, the warnings that escalated on to the street's command centre",
            s -> Figure.count(count(s.warnings(), w -> w.escalatedTo().contains("street")))),

    FALSE_ALARM("false_alarm", "误报率", Unit.PERCENT, Better.LOWER,
            "the month's warnings staff resolved as false alarm (误报) ÷ the month's warnings resolved either way",
            s -> {
                List<WarningFact> closed = s.warnings().stream().filter(WarningFact::closed).toList();
                return Figure.ratio(count(closed, WarningFact::falseAlarm), closed.size());
            });

    /** How a figure reads. */
    public enum Unit { PERCENT, HOURS, COUNT }

    /** Which way is better, for ranks. */
    public enum Better { HIGHER, LOWER, NEITHER }

    private final String key;
    private final String label;
    private final Unit unit;
    private final Better better;
    private final String formula;
    private final Function<Sample, Figure> measure;

    Measure(String key, String label, Unit unit, Better better, String formula, Function<Sample, Figure> measure) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.better = better;
        this.formula = formula;
        this.measure = measure;
    }

    /** The measure's name in JSON, CSV and {@code --rank-by}. */
    public String key() {
        return key;
    }

    /** The measure as staff call it. */
    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public Better better() {
        return better;
    }

    /** How it is computed, in words. */
    public String formula() {
        return formula;
    }

    Figure of(Sample sample) {
        return measure.apply(sample);
    }

    private static Figure acknowledgedOnTime(Sample s) {
        long onTime = 0;
        long judged = 0;
        for (WarningFact warning : s.warnings()) {
            if (!warning.pushed()) {
                continue;
            }
            Instant deadline = warning.createdAt().plus(s.policy().escalateAfter(warning.level()));
            if (warning.firstActed() != null && !warning.firstActed().isAfter(deadline)) {
                onTime++;
                judged++;
            } else if (warning.recoveredAt() != null && !warning.recoveredAt().isAfter(deadline)) {
                continue; // withdrawn or cooled down before anyone had to act: escalation stopped too
            } else if (!deadline.isAfter(s.asOf())) {
                judged++;
            }
        }
        return Figure.ratio(onTime, judged);
    }

    private static <T> long count(List<T> items, Predicate<T> counted) {
        return items.stream().filter(counted).count();
    }

    private static Figure hours(List<CaseFact> cases, Function<CaseFact, Double> minutes, int percentile) {
        List<Double> sorted = cases.stream().map(minutes).filter(Objects::nonNull).map(m -> m / 60).sorted().toList();
        return Figure.of(NearestRank.percentile(sorted, percentile));
    }
}
