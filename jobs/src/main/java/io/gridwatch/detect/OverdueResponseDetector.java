package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * {@code overdue_response} (“网格吹哨、部门报到”闭环): a complaint that no patrol {@code followup} or
 * {@code resolution} referencing it answers within the SLA of its severity.
 *
 * <p>Input: complaints and answering patrols, keyed by {@link #KEY} (the complaint's id: a complaint's own
 * {@code eventId}, an answer's {@code refEventId}). Pattern: a complaint {@code notFollowedBy} an answer
 * {@code within} the SLA; CEP emits the match when the window closes without an answer. Because {@code within} is
 * fixed per pattern, the job runs one pattern per distinct SLA and routes each complaint to the one of its severity,
 * street and category ({@link #slaOf}); answers go to all of them. Output: one alert per unanswered complaint, its
 * window running from the complaint to the deadline, its level by severity. Time: event time; the deadline passes
 * when the watermark does, which in live mode follows the wall clock through quiet hours. State: CEP drops a
 * complaint's partial match once answered or timed out.
 */
public final class OverdueResponseDetector {

    public static final String NAME = "overdue_response";

    static final String COMPLAINT = "complaint";
    static final String ANSWER = "answer";

    /** The complaint an event is about: its own id for a complaint, the referenced one for an answer. */
    public static final KeySelector<GridEvent, String> KEY =
            event -> event instanceof Patrol patrol ? patrol.refEventId() : event.eventId();

    private OverdueResponseDetector() {}

    public static Pattern<GridEvent, GridEvent> pattern(Duration sla) {
        return Pattern.<GridEvent>begin(COMPLAINT)
                .where(new IsComplaint())
                .notFollowedBy(ANSWER)
                .where(new IsAnswer())
                .within(sla);
    }

    /** Whether a patrol answers a complaint: a follow-up or resolution that names it. */
    public static boolean isAnswer(GridEvent event) {
        return event instanceof Patrol patrol
                && patrol.refEventId() != null
                && (patrol.kind() == PatrolKind.FOLLOWUP || patrol.kind() == PatrolKind.RESOLUTION);
    }

    /** The SLA of a complaint, by its severity under the rules of its street and category. */
    public static Duration slaOf(Complaint complaint, RuleSet<OverdueResponseRule> rules, GridRegistry registry) {
        String street = registry.find(complaint.gridId()).orElseThrow().street();
        return rules.forContext(street, complaint.category()).slaFor(complaint.severity());
    }

    static final class IsComplaint extends SimpleCondition<GridEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(GridEvent event) {
            return event instanceof Complaint;
        }
    }

    static final class IsAnswer extends SimpleCondition<GridEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(GridEvent event) {
            return isAnswer(event);
        }
    }

    /** Turns an unanswered complaint into an alert at its deadline. */
    public static final class ToAlert extends PatternProcessFunction<GridEvent, Alert> {

        private static final long serialVersionUID = 1L;

        private final Duration sla;
        private final RuleSet<OverdueResponseRule> rules;
        private final GridRegistry registry;

        public ToAlert(Duration sla, RuleSet<OverdueResponseRule> rules, GridRegistry registry) {
            this.sla = sla;
            this.rules = rules;
            this.registry = registry;
        }

        @Override
        public void processMatch(Map<String, List<GridEvent>> match, Context ctx, Collector<Alert> out) {
            Complaint complaint = (Complaint) match.get(COMPLAINT).get(0);
            Grid grid = registry.find(complaint.gridId()).orElseThrow();
            AlertLevel level = rules.forContext(grid.street(), complaint.category()).levelFor(complaint);
            Instant deadline = complaint.occurredAt().plus(sla);
            String message = String.format(
                    "【%s预警·诉求超时未响应】%s：%s反映的%s（严重程度%d级，编号%s）已超过%s未见网格员跟进或办结，"
                            + "请网格长%s立即处置，网格吹哨、部门报到。",
                    level.label(),
                    Alerts.place(grid),
                    Alerts.localTime(complaint.occurredAt()),
                    complaint.category().label(),
                    complaint.severity(),
                    complaint.eventId(),
                    Alerts.span(sla),
                    grid.leadName());
            out.collect(Alerts.ofDeadline(NAME, level, grid, complaint.eventId(), List.of(complaint), message, deadline));
        }
    }
}
