package io.gridwatch.detect;

import static io.gridwatch.job.StateAndSideOutputs.EARLY_ANSWERS;
import static io.gridwatch.job.StateAndSideOutputs.OPEN_COMPLAINT;
import static io.gridwatch.job.StateAndSideOutputs.RESPONSE_DEADLINE;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * {@code overdue_response} (“网格吹哨、部门报到”闭环): a complaint that no patrol {@code followup} or
 * {@code resolution} referencing it answers within the SLA of its severity.
 *
 * <p>Input: complaints and answering patrols ({@link #isAnswer}), keyed by {@link #KEY} (the complaint's id within
 * its grid: a complaint's own {@code eventId}, an answer's {@code refEventId}; an answer closes a complaint of its
 * own grid only). A complaint sets an event-time timer at its
 * deadline ({@code occurredAt} + the SLA of its severity, street and category); an answer dated from the complaint
 * up to just before the deadline deletes it. Output: one alert per complaint whose timer fires, its window running
 * from the complaint to the deadline, its level by severity. Time: event time; the deadline passes when the watermark
 * does, which in live mode follows the wall clock through quiet hours. An answer may arrive before its complaint
 * (another partition): its time is kept until the complaint comes, or until the watermark passes it — by then a
 * complaint it could answer would be late and never reach this operator — and then dropped. State: the open
 * complaint and its deadline, cleared when answered or alerted; answers waiting for their complaint, as above.
 * Rules: reloadable while running ({@link RulesAwareFunction}); a new SLA applies to complaints that arrive after it.
 *
 * <p>This was a CEP pattern ({@code notFollowedBy(answer).within(sla)}) until the benchmarks showed its cost: CEP
 * fixes {@code within} per pattern, so the job ran one CEP operator per distinct SLA and sent every answer to all of
 * them. A timer per complaint states the same rule in one operator.
 */
public final class OverdueResponseDetector extends RulesAwareFunction<String, GridEvent> {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "overdue_response";

    /** The complaint an event is about, within the grid: its own id for a complaint, the referenced one for an answer. */
    public static final KeySelector<GridEvent, String> KEY =
            event -> event.gridId() + "|" + (event instanceof Patrol patrol ? patrol.refEventId() : event.eventId());

    private final GridRegistry registry;
    private transient ValueState<Complaint> complaint;
    private transient ValueState<Long> deadline;
    private transient ListState<Long> earlyAnswers;

    public OverdueResponseDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    /** Whether a patrol answers a complaint: a follow-up or resolution that names it. */
    public static boolean isAnswer(GridEvent event) {
        return event instanceof Patrol patrol
                && patrol.refEventId() != null
                && (patrol.kind() == PatrolKind.FOLLOWUP || patrol.kind() == PatrolKind.RESOLUTION);
    }

    /** What this detector reads: complaints and the patrols that answer them. */
    public static boolean isInput(GridEvent event) {
        return event instanceof Complaint || isAnswer(event);
    }

    @Override
    public void open(OpenContext openContext) {
        complaint = getRuntimeContext().getState(OPEN_COMPLAINT);
        deadline = getRuntimeContext().getState(RESPONSE_DEADLINE);
        earlyAnswers = getRuntimeContext().getListState(EARLY_ANSWERS);
    }

    @Override
    public void processElement(GridEvent event, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        // Each state read is a lookup (and with RocksDB a deserialization): every value is read once.
        Complaint open = complaint.value();
        if (event instanceof Complaint opened) {
            if (open == null) { // else the same id again, past the deduplication window: its clock is running
                startClock(opened, rules(ctx), timers);
            }
            return;
        }
        long answeredAt = event.occurredAt().toEpochMilli();
        if (open == null) {
            earlyAnswers.add(answeredAt);
            timers.registerEventTimeTimer(answeredAt);
            return;
        }
        long due = deadline.value();
        if (answeredAt >= open.occurredAt().toEpochMilli() && answeredAt < due) {
            timers.deleteEventTimeTimer(due);
            complaint.clear();
            deadline.clear();
        }
    }

    /**
     * Starts the clock on a complaint, unless an answer that came before it already answers it: one dated from the
     * complaint to just before the deadline.
     */
    private void startClock(Complaint opened, Rules rules, TimerService timers) throws Exception {
        long start = opened.occurredAt().toEpochMilli();
        long due = start + slaOf(opened, rules).toMillis();
        boolean answered = false;
        for (Long answeredAt : earlyAnswers.get()) {
            answered |= answeredAt >= start && answeredAt < due;
            timers.deleteEventTimeTimer(answeredAt);
        }
        earlyAnswers.clear();
        if (!answered) {
            complaint.update(opened);
            deadline.update(due);
            timers.registerEventTimeTimer(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long due = deadline.value();
        if (due != null && due == timestamp) {
            out.collect(alert(complaint.value(), Instant.ofEpochMilli(due), rules(ctx)));
            complaint.clear();
            deadline.clear();
        } else if (complaint.value() == null) {
            // The watermark passed an answer whose complaint never came: drop it and any before it.
            List<Long> later = new ArrayList<>();
            for (Long answeredAt : earlyAnswers.get()) {
                if (answeredAt > timestamp) {
                    later.add(answeredAt);
                }
            }
            earlyAnswers.update(later);
        }
    }

    private Duration slaOf(Complaint complaint, Rules rules) {
        return rule(complaint, rules).slaFor(complaint.severity());
    }

    private OverdueResponseRule rule(Complaint complaint, Rules rules) {
        String street = registry.find(complaint.gridId()).orElseThrow().street();
        return rules.overdueResponse().forContext(street, complaint.category());
    }

    private Alert alert(Complaint complaint, Instant deadline, Rules rules) {
        Grid grid = registry.find(complaint.gridId()).orElseThrow();
        AlertLevel level = rule(complaint, rules).levelFor(complaint);
        String message = String.format(
                "【%s预警·诉求超时未响应】%s：%s反映的%s（严重程度%d级，编号%s）已超过%s未见网格员跟进或办结，"
                        + "请网格长%s立即处置，网格吹哨、部门报到。",
                level.label(),
                Alerts.place(grid),
                Alerts.localTime(complaint.occurredAt()),
                complaint.category().label(),
                complaint.severity(),
                complaint.eventId(),
                Alerts.span(Duration.between(complaint.occurredAt(), deadline)),
                grid.leadName());
        return Alerts.ofDeadline(NAME, level, grid, complaint.eventId(), List.of(complaint), message, deadline);
    }
}
