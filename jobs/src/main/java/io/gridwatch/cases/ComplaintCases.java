package io.gridwatch.cases;

import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.detect.RulesAwareFunction;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Complaint cases (诉求办理台账) behind the {@code gridwatch-cases} index and the scorecards: each complaint with its
 * deadline, first answer, resolution and rating.
 *
 * <p>Input: complaints and the patrols that answer them ({@link OverdueResponseDetector#isInput}), keyed like
 * {@code overdue_response} by {@link OverdueResponseDetector#KEY} (the complaint's id within its grid). Output: the
 * case each time it changes — when the complaint arrives, when an answer changes its first answer, resolution or
 * rating, and when event time passes its deadline unanswered; the document is upserted by {@link ComplaintCase#id()}.
 * Time: answers count by when they were given, in any order of arrival; the deadline is {@code overdue_response}'s,
 * under the rules in force when the complaint arrives ({@link RulesAwareFunction}), and passes with the watermark.
 *
 * <p>State: the case, dropped {@link #KEEP_CASE} after acceptance (a later answer or rating no longer changes the
 * document: the month's scorecard has been read by then); answers that came before their complaint, dropped after
 * {@link #EARLY_ANSWER_HOLD} of event time if it never comes.
 */
public final class ComplaintCases extends RulesAwareFunction<String, GridEvent, ComplaintCase> {

    private static final long serialVersionUID = 1L;

    /** How long after acceptance a case takes answers and ratings: a month, as the rollup waits for responses. */
    static final Duration KEEP_CASE = Duration.ofDays(30);

    /** How long an answer waits for its complaint, as in {@code overdue_response}. */
    static final Duration EARLY_ANSWER_HOLD = Duration.ofDays(3);

    /** Complaint cases: the case so far. */
    private static final ValueStateDescriptor<ComplaintCase> CASE =
            new ValueStateDescriptor<>("complaint-case", TypeInformation.of(ComplaintCase.class));

    /** Complaint cases: answers that came before their complaint. */
    private static final ListStateDescriptor<Answer> EARLY_ANSWERS =
            new ListStateDescriptor<>("case-early-answers", TypeInformation.of(Answer.class));

    /** Complaint cases: when the early answers are dropped, the time of their timer. */
    private static final ValueStateDescriptor<Long> EARLY_ANSWERS_UNTIL =
            new ValueStateDescriptor<>("case-early-answers-until", Types.LONG);

    private final GridRegistry registry;
    private transient ValueState<ComplaintCase> complaintCase;
    private transient ListState<Answer> earlyAnswers;
    private transient ValueState<Long> earlyAnswersUntil;

    public ComplaintCases(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        complaintCase = getRuntimeContext().getState(CASE);
        earlyAnswers = getRuntimeContext().getListState(EARLY_ANSWERS);
        earlyAnswersUntil = getRuntimeContext().getState(EARLY_ANSWERS_UNTIL);
    }

    @Override
    public void processElement(GridEvent event, ReadOnlyContext ctx, Collector<ComplaintCase> out) throws Exception {
        ComplaintCase known = complaintCase.value();
        if (event instanceof Complaint complaint) {
            if (known == null) { // else the same id again, past the deduplication window
                open(complaint, ctx, out);
            }
        } else if (known != null) {
            ComplaintCase updated = known.with(Answer.of((Patrol) event));
            if (!updated.equals(known)) {
                complaintCase.update(updated);
                out.collect(updated);
            }
        } else {
            earlyAnswers.add(Answer.of((Patrol) event));
            Long until = earlyAnswersUntil.value();
            if (until != null) {
                ctx.timerService().deleteEventTimeTimer(until);
            }
            long newUntil = ctx.timestamp() + EARLY_ANSWER_HOLD.toMillis();
            earlyAnswersUntil.update(newUntil);
            ctx.timerService().registerEventTimeTimer(newUntil);
        }
    }

    private void open(Complaint complaint, ReadOnlyContext ctx, Collector<ComplaintCase> out) throws Exception {
        ComplaintCase opened = ComplaintCase.opened(complaint, OverdueResponseDetector.deadline(
                complaint, OverdueResponseDetector.ruleFor(complaint, rules(ctx), registry)));
        for (Answer answer : earlyAnswers.get()) {
            opened = opened.with(answer);
        }
        Long until = earlyAnswersUntil.value();
        if (until != null) {
            ctx.timerService().deleteEventTimeTimer(until);
        }
        earlyAnswers.clear();
        earlyAnswersUntil.clear();
        complaintCase.update(opened);
        out.collect(opened);
        ctx.timerService().registerEventTimeTimer(opened.dueAt().toEpochMilli());
        ctx.timerService().registerEventTimeTimer(opened.reportedAt().plus(KEEP_CASE).toEpochMilli());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComplaintCase> out) throws Exception {
        ComplaintCase known = complaintCase.value();
        if (known == null) {
            if (Long.valueOf(timestamp).equals(earlyAnswersUntil.value())) {
                earlyAnswers.clear(); // their complaint never came
                earlyAnswersUntil.clear();
            }
            return;
        }
        if (timestamp >= known.reportedAt().plus(KEEP_CASE).toEpochMilli()) {
            complaintCase.clear();
        } else if (timestamp == known.dueAt().toEpochMilli() && !known.dueReached()) {
            ComplaintCase due = known.pastDue();
            complaintCase.update(due);
            if (!Boolean.TRUE.equals(due.answeredOnTime())) {
                out.collect(due); // answered in time, its document already says so
            }
        }
    }
}
