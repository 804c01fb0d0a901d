package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.RepeatedDisputeRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.util.Collector;

/**
 * {@code repeated_dispute} (矛盾纠纷反复): the same dispute raised again and again means it was not settled.
 *
 * <p>Input: complaints, keyed by {@link #KEY} (grid and subject). Pattern: {@code min_count} complaints of a dispute
 * category within {@code window} of event time, first to last (a complaint exactly {@code window} after the first
 * no longer counts with it). Output: one {@link Alert} per match, yellow, orange or red by the most severe
 * complaint. After a match the next one starts after its last complaint, so the same complaints never raise two
 * alerts. Time: event time; CEP buffers events until the watermark passes them, so out-of-order events are matched
 * in event-time order. State: CEP drops partial matches older than the window as the watermark advances, so a
 * subject that goes quiet leaves no state behind once its window has passed.
 */
public final class RepeatedDisputeDetector {

    /** The detector name in rules, alerts and dashboards. */
    public static final String NAME = "repeated_dispute";

    static final String DISPUTES = "disputes";

    /** One dispute: its subject within its grid. */
    public static final KeySelector<Complaint, String> KEY = c -> c.gridId() + "|" + c.subject().key();

    private RepeatedDisputeDetector() {}

    public static Pattern<Complaint, Complaint> pattern(RepeatedDisputeRule rule) {
        return Pattern.<Complaint>begin(DISPUTES, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new CategoryIn(rule.categories()))
                .times(rule.minCount())
                .within(rule.window());
    }

    /** Turns a match into an alert for the grid lead, in Chinese. */
    public static final class ToAlert extends PatternProcessFunction<Complaint, Alert> {

        private static final long serialVersionUID = 1L;

        private final RepeatedDisputeRule rule;
        private final GridRegistry registry;

        public ToAlert(RepeatedDisputeRule rule, GridRegistry registry) {
            this.rule = rule;
            this.registry = registry;
        }

        @Override
        public void processMatch(Map<String, List<Complaint>> match, Context ctx, Collector<Alert> out) {
            List<Complaint> complaints = match.get(DISPUTES);
            Complaint first = complaints.get(0);
            // Events were validated against this registry, so the grid exists.
            Grid grid = registry.find(first.gridId()).orElseThrow();
            int maxSeverity = complaints.stream().mapToInt(Complaint::severity).max().orElseThrow();
            AlertLevel level = rule.levelFor(maxSeverity);
            Complaint last = complaints.get(complaints.size() - 1);
            String categories = complaints.stream()
                    .map(c -> c.category().label())
                    .distinct()
                    .collect(Collectors.joining("、"));
            String message = String.format(
                    "【%s预警·矛盾纠纷反复】%s：%s的%s自%s至%s被反映%d次（最高严重程度%d级），"
                            + "请网格长%s组织上门化解，防止矛盾升级。",
                    level.label(),
                    Alerts.place(grid),
                    first.subject().address(),
                    categories,
                    Alerts.localTime(first.occurredAt()),
                    Alerts.localTime(last.occurredAt()),
                    complaints.size(),
                    maxSeverity,
                    grid.leadName());
            out.collect(Alerts.of(NAME, level, grid, first.subject().key(), complaints, message));
        }
    }
}
