package io.gridwatch.detect;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * {@code overdue_response} (“网格吹哨、部门报到”闭环): a complaint that no patrol {@code followup} or
 * {@code resolution} referencing it answers within the SLA of its severity.
 *
 * <p>Input: complaints and answering patrols ({@link #isAnswer}), keyed by {@link #KEY} (the complaint's id within
 * its grid: a complaint's own {@code eventId}, an answer's {@code refEventId}; an answer closes a complaint of its
 * own grid only). Time: the SLA runs from the complaint's acceptance ({@code reportedAt}, as 12345's do) to its
 * deadline; an answer counts by when it was given ({@code occurredAt}), from the complaint's {@code occurredAt} up to
 * just before the deadline. The alert waits, on an event-time timer, {@code allowed_lateness} past the deadline for an
 * answer given in time but synced late; the deadline passes when the watermark does, which live follows the wall
 * clock through quiet hours. Output: one alert per complaint unanswered then, created at that moment, its level by
 * severity. An answer that comes after the alert updates it (补录跟进): given before the deadline it withdraws the
 * alert, given after it closes it; either way a recovery under the alert's id tells everyone who was told. An answer
 * known when the alert falls due but given after the deadline gives an alert that is closed already (recorded for
 * review, sent to no one).
 *
 * <p>An answer may arrive before its complaint (another partition, or an intake that pushes reports late): its time is
 * kept for {@link #EARLY_ANSWER_HOLD} of event time and then dropped. State: the open complaint, its deadline and the
 * time its alert falls due, cleared when answered or alerted; an alert raised, kept {@link #ANSWERABLE_FOR} for a late
 * answer, which updates it when the watermark passes the time it was known (the first known of several wins, whatever
 * their arrival order); early answers, as above. Rules: reloadable while running ({@link RulesAwareFunction}); a new SLA or
 * lateness applies to complaints that arrive after it.
 *
 * <p>This was a CEP pattern ({@code notFollowedBy(answer).within(sla)}) until the benchmarks showed its cost: CEP
 * fixes {@code within} per pattern, so the job ran one CEP operator per distinct SLA and sent every answer to all of
 * them. A timer per complaint states the same rule in one operator.
 */
public final class OverdueResponseDetector extends RulesAwareFunction<String, GridEvent, Alert> {

    private static final long serialVersionUID = 1L;

    /** {@code overdue_response}: the complaint whose answer is awaited. */
    private static final ValueStateDescriptor<Complaint> OPEN_COMPLAINT =
            new ValueStateDescriptor<>("open-complaint", Types.POJO(Complaint.class));

    /** {@code overdue_response}: the open complaint's deadline, the time of its timer. */
    private static final ValueStateDescriptor<Long> RESPONSE_DEADLINE =
            new ValueStateDescriptor<>("response-deadline", Types.LONG);

    public static final String NAME = "overdue_response";

    /** How long an answer waits for its complaint: an intake pushes reports a day late at worst. */
    static final Duration EARLY_ANSWER_HOLD = Duration.ofDays(3);

    /** How long an alert raised waits for a late answer to update it: the rollup's response wait. */
    static final Duration ANSWERABLE_FOR = Duration.ofDays(30);

    /** The time the open complaint's alert falls due ({@code allowed_lateness} past its deadline): its timer. */
    private static final ValueStateDescriptor<Long> ALERT_DUE = new ValueStateDescriptor<>("overdue-alert-due", Types.LONG);

    /** The earliest answer given after the deadline and known before the alert fell due. */
    private static final ValueStateDescriptor<Long> ANSWERED_LATE =
            new ValueStateDescriptor<>("answered-after-deadline", Types.LONG);

    /**
     * The answer first known after the alert falls due, given at {@code f0}, known at {@code f1}, whether it came
     * before the alert was raised (input out of order) or after: it updates the alert when the watermark passes when
     * it was known, so that of answers arriving out of order the first known, not the first to arrive, closes it.
     */
    private static final ValueStateDescriptor<Tuple2<Long, Long>> ANSWERED_AFTER_ALERT = new ValueStateDescriptor<>(
            "answered-after-alert", Types.TUPLE(Types.LONG, Types.LONG));

    /** The alert raised for the complaint, until an answer updates it or {@link #ANSWERABLE_FOR} passes. */
    private static final ValueStateDescriptor<Alert> RAISED =
            new ValueStateDescriptor<>("overdue-alert-raised", TypeInformation.of(Alert.class));

    /** Answers that came before their complaint: given at {@code f0}, known at {@code f1}. */
    private static final ListStateDescriptor<Tuple2<Long, Long>> EARLY_ANSWERS = new ListStateDescriptor<>(
            "early-answers-known", Types.TUPLE(Types.LONG, Types.LONG));

    /** When the early answers are dropped: the time of their timer. */
    private static final ValueStateDescriptor<Long> EARLY_ANSWERS_UNTIL =
            new ValueStateDescriptor<>("early-answers-until", Types.LONG);

    /** The complaint an event is about, within the grid: its own id for a complaint, the referenced one for an answer. */
    public static final KeySelector<GridEvent, String> KEY =
            event -> event.gridId() + "|" + (event instanceof Patrol patrol ? patrol.refEventId() : event.eventId());

    private final GridRegistry registry;
    private transient ValueState<Complaint> complaint;
    private transient ValueState<Long> deadline;
    private transient ValueState<Long> alertDue;
    private transient ValueState<Long> answeredLate;
    private transient ValueState<Tuple2<Long, Long>> answeredAfterAlert;
    private transient ValueState<Alert> raised;
    private transient ListState<Tuple2<Long, Long>> earlyAnswers;
    private transient ValueState<Long> earlyAnswersUntil;

    public OverdueResponseDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    /** Whether a patrol answers a complaint: a follow-up or resolution that names it. */
    public static boolean isAnswer(GridEvent event) {
        return event instanceof Patrol patrol && Patrol.answersAComplaint(patrol.kind(), patrol.refEventId());
    }

    /** What this detector reads: complaints and the patrols that answer them. */
    public static boolean isInput(GridEvent event) {
        return event instanceof Complaint || isAnswer(event);
    }

    @Override
    public void open(OpenContext openContext) {
        complaint = getRuntimeContext().getState(OPEN_COMPLAINT);
        deadline = getRuntimeContext().getState(RESPONSE_DEADLINE);
        alertDue = getRuntimeContext().getState(ALERT_DUE);
        answeredLate = getRuntimeContext().getState(ANSWERED_LATE);
        answeredAfterAlert = getRuntimeContext().getState(ANSWERED_AFTER_ALERT);
        raised = getRuntimeContext().getState(RAISED);
        earlyAnswers = getRuntimeContext().getListState(EARLY_ANSWERS);
        earlyAnswersUntil = getRuntimeContext().getState(EARLY_ANSWERS_UNTIL);
    }

    @Override
    public void processElement(GridEvent event, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        // Each state read is a lookup (and with RocksDB a deserialization): every value is read once.
        Complaint open = complaint.value();
        Alert alerted = raised.value();
        if (event instanceof Complaint opened) {
            if (open == null && alerted == null) { // else the same id again, past the deduplication window
                startClock(opened, rules(ctx), timers);
            }
            return;
        }
        long answeredAt = event.occurredAt().toEpochMilli();
        if (open != null) {
            if (answeredAt < open.occurredAt().toEpochMilli()) {
                return; // about an earlier complaint that reused the id
            }
            long fallsDue = alertDue.value();
            if (answersInTime(answeredAt, ctx.timestamp(), deadline.value(), fallsDue)) {
                timers.deleteEventTimeTimer(fallsDue);
                clearOpen();
            }
        } else if (alerted != null) {
            if (answeredAt >= alerted.windowStart().toEpochMilli()) {
                holdUntilKnown(answeredAt, Math.max(ctx.timestamp(), alerted.createdAt().toEpochMilli()), alerted, timers);
            }
        } else {
            earlyAnswers.add(Tuple2.of(answeredAt, ctx.timestamp()));
            Long until = earlyAnswersUntil.value();
            if (until != null) {
                timers.deleteEventTimeTimer(until);
            }
            long newUntil = ctx.timestamp() + EARLY_ANSWER_HOLD.toMillis();
            earlyAnswersUntil.update(newUntil);
            timers.registerEventTimeTimer(newUntil);
        }
    }

    /**
     * Starts the clock on a complaint, unless an answer that came before it already answers it: one given from the
     * complaint to just before the deadline, known before the alert falls due.
     */
    private void startClock(Complaint opened, Rules rules, TimerService timers) throws Exception {
        OverdueResponseRule rule = ruleFor(opened, rules, registry);
        long due = deadline(opened, rule).toEpochMilli();
        long fallsDue = due + rule.allowedLateness().toMillis();
        complaint.update(opened);
        deadline.update(due);
        alertDue.update(fallsDue);
        boolean answered = false;
        for (Tuple2<Long, Long> answer : earlyAnswers.get()) {
            // One given before the complaint is about an earlier complaint that reused the id.
            if (answer.f0 >= opened.occurredAt().toEpochMilli()) {
                answered |= answersInTime(answer.f0, answer.f1, due, fallsDue);
            }
        }
        Long until = earlyAnswersUntil.value();
        if (until != null) {
            timers.deleteEventTimeTimer(until);
        }
        earlyAnswers.clear();
        earlyAnswersUntil.clear();
        if (answered) {
            clearOpen();
        } else {
            timers.registerEventTimeTimer(fallsDue);
        }
    }

    /**
     * Takes an answer to the open complaint, given at {@code answeredAt} and known at {@code known}, whatever order
     * answers reach this operator in; true if it answers the complaint in time. One known after the alert falls due
     * updates the alert once raised (the first known, within {@link #ANSWERABLE_FOR}); one known before but given after
     * the deadline closes the alert as it is raised (the earliest given).
     */
    private boolean answersInTime(long answeredAt, long known, long due, long fallsDue) throws Exception {
        if (known > fallsDue) {
            Tuple2<Long, Long> first = answeredAfterAlert.value();
            if (known <= fallsDue + ANSWERABLE_FOR.toMillis() && (first == null || known < first.f1)) {
                answeredAfterAlert.update(Tuple2.of(answeredAt, known));
            }
            return false;
        }
        if (answeredAt < due) {
            return true;
        }
        Long late = answeredLate.value();
        if (late == null || answeredAt < late) {
            answeredLate.update(answeredAt);
        }
        return false;
    }

    /**
     * Holds an answer to a raised alert until the watermark passes when it was known, keeping the first known: the
     * alert's update must not depend on which of two answers synced out of order arrives first.
     */
    private void holdUntilKnown(long answeredAt, long known, Alert alerted, TimerService timers) throws Exception {
        long answerableUntil = alerted.createdAt().plus(ANSWERABLE_FOR).toEpochMilli();
        Tuple2<Long, Long> held = answeredAfterAlert.value();
        if (known > answerableUntil || (held != null && held.f1 <= known)) {
            return;
        }
        if (held != null) {
            timers.deleteEventTimeTimer(held.f1);
        }
        answeredAfterAlert.update(Tuple2.of(answeredAt, known));
        timers.registerEventTimeTimer(known);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long fallsDue = alertDue.value();
        Alert alerted = raised.value();
        if (fallsDue != null && fallsDue == timestamp) {
            Alert alert = alert(complaint.value(), Instant.ofEpochMilli(deadline.value()), Instant.ofEpochMilli(timestamp),
                    rules(ctx));
            Long late = answeredLate.value();
            Tuple2<Long, Long> after = answeredAfterAlert.value();
            clearOpen();
            if (late != null) {
                out.collect(answered(alert, Instant.ofEpochMilli(late), alert.createdAt()));
                return;
            }
            out.collect(alert);
            raised.update(alert);
            ctx.timerService().registerEventTimeTimer(timestamp + ANSWERABLE_FOR.toMillis());
            if (after != null) {
                holdUntilKnown(after.f0, after.f1, alert, ctx.timerService());
            }
        } else if (alerted != null) {
            Tuple2<Long, Long> answer = answeredAfterAlert.value();
            long answerableUntil = alerted.createdAt().plus(ANSWERABLE_FOR).toEpochMilli();
            if (answer != null && answer.f1 == timestamp) {
                out.collect(answered(alerted, Instant.ofEpochMilli(answer.f0), Instant.ofEpochMilli(answer.f1)));
                if (timestamp != answerableUntil) {
                    ctx.timerService().deleteEventTimeTimer(answerableUntil);
                }
                raised.clear();
                answeredAfterAlert.clear();
            } else if (timestamp == answerableUntil) {
                raised.clear(); // no answer came in time to update it: the alert stands as raised
            }
        } else if (Long.valueOf(timestamp).equals(earlyAnswersUntil.value())) {
            earlyAnswers.clear(); // their complaint never came
            earlyAnswersUntil.clear();
        }
    }

    private void clearOpen() {
        complaint.clear();
        deadline.clear();
        alertDue.clear();
        answeredLate.clear();
        answeredAfterAlert.clear();
    }

    /** The rule that governs {@code complaint}: its street's, for its category. */
    public static OverdueResponseRule ruleFor(Complaint complaint, Rules rules, GridRegistry registry) {
        String street = registry.find(complaint.gridId()).orElseThrow().street();
        return rules.overdueResponse().forContext(street, complaint.category());
    }

    /** When {@code complaint} must be answered by: its acceptance plus the SLA of its severity. */
    public static Instant deadline(Complaint complaint, OverdueResponseRule rule) {
        return complaint.reportedAt().plus(rule.slaFor(complaint.severity()));
    }

    private Alert alert(Complaint complaint, Instant deadline, Instant raisedAt, Rules rules) {
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        AlertLevel level = ruleFor(complaint, rules, registry).levelFor(complaint);
        String message = String.format(
                "【%s预警·诉求超时未响应】%s：%s受理的%s（严重程度%d级，编号%s）已超过%s未见网格员跟进或办结，"
                        + "请网格长%s立即处置，网格吹哨、部门报到。",
                level.label(),
                Alerts.place(grid),
                CityTime.inMessages(complaint.reportedAt()),
                complaint.category().label(),
                complaint.severity(),
                complaint.eventId(),
                Alerts.span(Duration.between(complaint.reportedAt(), deadline)),
                grid.leadName());
        return Alerts.ofDeadline(NAME, level, grid, complaint.eventId(), List.of(complaint), message, deadline, raisedAt);
    }

    /**
     * The alert updated by an answer given at {@code answeredAt} and learnt at {@code learnt}: withdrawn if the answer
     * was in time (its record came late), closed if not.
     */
    private Alert answered(Alert alert, Instant answeredAt, Instant learnt) {
        Grid grid = registry.find(alert.gridId()).orElseThrow();
        boolean inTime = answeredAt.isBefore(alert.windowEnd());
        String notice = inTime
                ? String.format("【预警撤回·补录跟进】%s：编号%s的诉求已于%s由网格员跟进，在时限内（跟进记录补录于%s），"
                                + "此前的超时预警撤回。",
                        Alerts.place(grid), alert.key(), CityTime.inMessages(answeredAt), CityTime.inMessages(learnt))
                : String.format("【已跟进】%s：编号%s的诉求已于%s由网格员跟进，超出时限%s。",
                        Alerts.place(grid), alert.key(), CityTime.inMessages(answeredAt),
                        Alerts.span(Duration.between(alert.windowEnd(), answeredAt)));
        return alert.recovered(learnt, notice);
    }
}
