package io.gridwatch.detect;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.EscalatingDisputeRule;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.util.Collector;

/**
 * {@code escalating_dispute} (防止“民转刑”): a dispute getting worse. Always a red alert.
 *
 * <p>Input: complaints of the rule's dispute and conflict categories, keyed by {@link RepeatedDisputeDetector#KEY}
 * (grid and subject). Pattern ({@link #pattern}): a dispute complaint, then the first worse one about the same subject
 * within {@code window} of event time, other complaints in between allowed — worse meaning either a dispute complaint
 * at least {@code rises} severity levels above it, whether in one jump (2 → 4, 1 → 4) or in steps (2 → 3 → 4 holds
 * 2 → 4; so does 2, 4, 3, 4), or a conflict-category complaint (e.g. 肢体冲突) after any dispute. Both kinds are one
 * pattern, so one CEP operator decides which complaint pair an escalation is — the alert id then never depends on
 * which of two operators reaches the suppressor first. Output: one alert per dispute complaint that something worse
 * follows, the pair as evidence, emitted the moment the worse complaint is taken; the suppressor folds a subject's
 * pairs within its cool-down into one alert. No after-match skip, on purpose: CEP holds a match back while any
 * partial match that started earlier is still open, and here every dispute opens one that may never complete (a
 * severity-4 complaint can only be followed by a conflict), so a skip strategy would hold an escalation back for up
 * to the whole window. Time: event time; CEP takes events in event-time order, and those of one instant by event id
 * ({@link ByEventId}), so a replay and the live run match the same pairs. State: partial matches expire with the
 * window.
 */
public final class EscalatingDisputeDetector {

    public static final String NAME = "escalating_dispute";

    static final String CALMER = "calmer";
    static final String WORSE = "worse";

    private EscalatingDisputeDetector() {}

    /** A dispute complaint, then a worse one: {@code rises} levels more severe, or of a conflict category. */
    public static Pattern<Complaint, Complaint> pattern(EscalatingDisputeRule rule) {
        return Pattern.<Complaint>begin(CALMER, AfterMatchSkipStrategy.noSkip())
                .where(new CategoryIn(rule.categories()))
                .followedBy(WORSE)
                .where(new WorseThanCalmer(rule))
                .within(rule.window());
    }

    /** A conflict-category complaint, or a dispute complaint at least {@code rises} levels above the calmer one. */
    static final class WorseThanCalmer extends IterativeCondition<Complaint> {
        private static final long serialVersionUID = 1L;

        private final EscalatingDisputeRule rule;

        WorseThanCalmer(EscalatingDisputeRule rule) {
            this.rule = rule;
        }

        @Override
        public boolean filter(Complaint complaint, Context<Complaint> ctx) throws Exception {
            if (rule.conflictCategories().contains(complaint.category())) {
                return true;
            }
            if (!rule.categories().contains(complaint.category())) {
                return false;
            }
            for (Complaint calmer : ctx.getEventsForPattern(CALMER)) {
                return complaint.severity() >= calmer.severity() + rule.rises();
            }
            return false;
        }
    }

    /** Turns a match into a red alert. */
    public static final class ToAlert extends PatternProcessFunction<Complaint, Alert> {

        private static final long serialVersionUID = 1L;

        private final EscalatingDisputeRule rule;
        private final GridRegistry registry;

        public ToAlert(EscalatingDisputeRule rule, GridRegistry registry) {
            this.rule = rule;
            this.registry = registry;
        }

        @Override
        public void processMatch(Map<String, List<Complaint>> match, Context ctx, Collector<Alert> out) {
            Complaint calmer = match.get(CALMER).get(0);
            Complaint worse = match.get(WORSE).get(0);
            Grid grid = registry.find(calmer.gridId()).orElseThrow();
            String what;
            if (rule.conflictCategories().contains(worse.category())) {
                what = String.format("%s的纠纷在%s发生%s（此前已有纠纷投诉）", Alerts.address(calmer.subject()),
                        CityTime.inMessages(worse.occurredAt()), worse.category().label());
            } else {
                what = String.format("%s的纠纷投诉严重程度升级（%d→%d级）", Alerts.address(calmer.subject()),
                        calmer.severity(), worse.severity());
            }
            String message = String.format(
                    "【红色预警·纠纷升级】%s：%s，存在“民转刑”风险，请网格长%s立即到场处置，并报社区和派出所联动化解。",
                    Alerts.place(grid), what, grid.leadName());
            out.collect(Alerts.of(NAME, AlertLevel.RED, grid, calmer.subject().key(), List.of(calmer, worse), message));
        }
    }
}
