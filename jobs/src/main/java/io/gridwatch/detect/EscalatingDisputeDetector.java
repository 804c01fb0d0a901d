package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.EscalatingDisputeRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.util.Collector;

/**
 * {@code escalating_dispute} (防止“民转刑”): a dispute getting worse. Always a red alert.
 *
 * <p>Input: complaints, keyed by {@link RepeatedDisputeDetector#KEY} (grid and subject). Two patterns, each run by
 * its own CEP operator: {@link #risingSeverity} — dispute complaints whose severity rises strictly {@code rises}
 * times in succession (2 → 3 → 4), other complaints in between allowed — and {@link #conflictAfterDispute} — a
 * conflict-category complaint (e.g. 肢体冲突) after any earlier dispute complaint. Both within {@code window} of
 * event time, first to last. Output: one alert per match; a match skips past its last complaint. Time: event time,
 * out-of-order input matched in event-time order. State: partial matches expire with the window.
 */
public final class EscalatingDisputeDetector {

    public static final String NAME = "escalating_dispute";

    static final String STEP = "step";
    static final String DISPUTE = "dispute";
    static final String CONFLICT = "conflict";

    private EscalatingDisputeDetector() {}

    /** {@code rises + 1} dispute complaints, each more severe than the one before. */
    public static Pattern<Complaint, Complaint> risingSeverity(EscalatingDisputeRule rule) {
        Pattern<Complaint, Complaint> pattern = Pattern.<Complaint>begin(STEP + 0, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new CategoryIn(rule.categories()));
        for (int step = 1; step <= rule.rises(); step++) {
            pattern = pattern.followedBy(STEP + step).where(new MoreSevereThan(STEP + (step - 1), rule.categories()));
        }
        return pattern.within(rule.window());
    }

    /** A dispute complaint, later a conflict-category complaint about the same subject. */
    public static Pattern<Complaint, Complaint> conflictAfterDispute(EscalatingDisputeRule rule) {
        return Pattern.<Complaint>begin(DISPUTE, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new CategoryIn(rule.categories()))
                .followedBy(CONFLICT)
                .where(new CategoryIn(rule.conflictCategories()))
                .within(rule.window());
    }

    /** A dispute complaint more severe than the one matched by the previous step. */
    static final class MoreSevereThan extends IterativeCondition<Complaint> {
        private static final long serialVersionUID = 1L;

        private final String previousStep;
        private final Set<Category> categories;

        MoreSevereThan(String previousStep, Set<Category> categories) {
            this.previousStep = previousStep;
            this.categories = categories;
        }

        @Override
        public boolean filter(Complaint complaint, Context<Complaint> ctx) throws Exception {
            if (!categories.contains(complaint.category())) {
                return false;
            }
            for (Complaint previous : ctx.getEventsForPattern(previousStep)) {
                return complaint.severity() > previous.severity();
            }
            return false;
        }
    }

    /** Turns either pattern's match into a red alert. */
    public static final class ToAlert extends PatternProcessFunction<Complaint, Alert> {

        private static final long serialVersionUID = 1L;

        private final GridRegistry registry;

        public ToAlert(GridRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void processMatch(Map<String, List<Complaint>> match, Context ctx, Collector<Alert> out) {
            List<Complaint> evidence = match.values().stream().flatMap(List::stream).toList();
            Complaint first = evidence.get(0);
            Grid grid = registry.find(first.gridId()).orElseThrow();
            String what;
            if (match.containsKey(CONFLICT)) {
                Complaint conflict = match.get(CONFLICT).get(0);
                what = String.format("%s的纠纷在%s发生%s（此前已有纠纷投诉）", first.subject().address(),
                        Alerts.localTime(conflict.occurredAt()), conflict.category().label());
            } else {
                String severities = evidence.stream()
                        .sorted(java.util.Comparator.comparing(Complaint::occurredAt))
                        .map(c -> String.valueOf(c.severity()))
                        .collect(Collectors.joining("→"));
                what = String.format("%s的纠纷投诉严重程度逐步升级（%s级）", first.subject().address(), severities);
            }
            String message = String.format(
                    "【红色预警·纠纷升级】%s：%s，存在“民转刑”风险，请网格长%s立即到场处置，并报社区和派出所联动化解。",
                    Alerts.place(grid), what, grid.leadName());
            out.collect(Alerts.of(NAME, AlertLevel.RED, grid, first.subject().key(), evidence, message));
        }
    }
}
