package io.gridwatch.detect;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.RepeatedDisputeRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.util.Collector;

/**
 * {@code repeated_dispute} (矛盾纠纷反复): the same dispute raised again and again means it was not settled.
 *
 * <p>Input: complaints of a watched dispute category, keyed by {@link #KEY} (grid and subject), with the rule of each
 * category in force for the grids' street ({@code per_category} overrides inside one pattern, not one operator each).
 * Pattern ({@link #pattern}): consecutive dispute complaints about the subject, of any watched categories, that
 * satisfy the rule of one of their categories — at least its {@code min_count}, first to last within its
 * {@code window} (a complaint exactly {@code window} after the first no longer counts with it). So with two
 * complaints enough for wage arrears and three for the rest, neighbour dispute, wage arrears is a repeated dispute,
 * and so is neighbour dispute, wage arrears, neighbour dispute, however the categories interleave. Output: one
 * {@link Alert} per match, yellow, orange or red by its most severe complaint under the rule it satisfied. After a
 * match the next one starts after its last complaint, so the same complaints never raise two alerts. (CEP holds a
 * match back while a partial match that started earlier is open: with one window for every category, as shipped,
 * such a partial match is satisfied whenever a later one is, so nothing waits; a category with a shorter window of
 * its own can hold its alert back until the longest window has passed.) Time: event
 * time; CEP buffers events until the watermark passes them and takes them in event-time order (those of one instant
 * by event id). State: CEP drops partial matches older than the longest window as the watermark advances, so a
 * subject that goes quiet leaves no state behind once that window has passed.
 */
public final class RepeatedDisputeDetector {

    /** The detector name in rules, alerts and dashboards. */
    public static final String NAME = "repeated_dispute";

    static final String EARLIER = "earlier";
    static final String LATEST = "latest";

    /** One dispute: its subject within its grid. */
    public static final KeySelector<Complaint, String> KEY = c -> c.gridId() + "|" + c.subject().key();

    private RepeatedDisputeDetector() {}

    /**
     * Earlier dispute complaints, then the one with which they satisfy a rule.
     *
     * @param rules the rule of each category for the grids this pattern watches
     */
    public static Pattern<Complaint, Complaint> pattern(Map<Category, RepeatedDisputeRule> rules) {
        Set<Category> watched = watched(rules);
        Duration longest = watched.stream().map(c -> rules.get(c).window()).max(Duration::compareTo).orElseThrow();
        return Pattern.<Complaint>begin(EARLIER, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new CategoryIn(watched))
                .oneOrMore()
                .followedBy(LATEST)
                .where(new CompletesARepeat(rules))
                .within(longest);
    }

    /** The categories watched under their own rule: a dispute counts where its category's rule says it does. */
    public static Set<Category> watched(Map<Category, RepeatedDisputeRule> rules) {
        Set<Category> watched = EnumSet.noneOf(Category.class);
        rules.forEach((category, rule) -> {
            if (rule.categories().contains(category)) {
                watched.add(category);
            }
        });
        return watched;
    }

    /** The rule {@code complaints} satisfy, the first in category order, or {@code null}. */
    static RepeatedDisputeRule satisfied(List<Complaint> complaints, Map<Category, RepeatedDisputeRule> rules) {
        Set<Category> present = EnumSet.noneOf(Category.class);
        complaints.forEach(c -> present.add(c.category()));
        // When they were made (reported), not when the quarrels were: a report a day late is today's complaint.
        LongSummaryStatistics known = complaints.stream().mapToLong(c -> c.knownAt().toEpochMilli()).summaryStatistics();
        long span = known.getMax() - known.getMin();
        for (Category category : present) {
            RepeatedDisputeRule rule = rules.get(category);
            if (complaints.size() >= rule.minCount() && span < rule.window().toMillis()) {
                return rule;
            }
        }
        return null;
    }

    /** A watched dispute complaint with which the earlier ones satisfy the rule of one of their categories. */
    static final class CompletesARepeat extends IterativeCondition<Complaint> {
        private static final long serialVersionUID = 1L;

        private final Map<Category, RepeatedDisputeRule> rules;
        private final Set<Category> watched;

        CompletesARepeat(Map<Category, RepeatedDisputeRule> rules) {
            this.rules = new EnumMap<>(rules);
            this.watched = watched(rules);
        }

        @Override
        public boolean filter(Complaint complaint, Context<Complaint> ctx) throws Exception {
            if (!watched.contains(complaint.category())) {
                return false;
            }
            List<Complaint> complaints = new ArrayList<>();
            ctx.getEventsForPattern(EARLIER).forEach(complaints::add);
            complaints.add(complaint);
            return satisfied(complaints, rules) != null;
        }
    }

    /** Turns a match into an alert for the grid lead, in Chinese. */
    public static final class ToAlert extends PatternProcessFunction<Complaint, Alert> {

        private static final long serialVersionUID = 1L;

        private final Map<Category, RepeatedDisputeRule> rules;
        private final GridRegistry registry;

        public ToAlert(Map<Category, RepeatedDisputeRule> rules, GridRegistry registry) {
            this.rules = new EnumMap<>(rules);
            this.registry = registry;
        }

        @Override
        public void processMatch(Map<String, List<Complaint>> match, Context ctx, Collector<Alert> out) {
            List<Complaint> complaints = new ArrayList<>(match.get(EARLIER));
            complaints.addAll(match.get(LATEST));
            Complaint first = complaints.get(0);
            // Events were validated against this registry, so the grid exists.
            Grid grid = registry.find(first.gridId()).orElseThrow();
            int maxSeverity = complaints.stream().mapToInt(Complaint::severity).max().orElseThrow();
            AlertLevel level = satisfied(complaints, rules).levelFor(maxSeverity);
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
                    Alerts.address(first.subject()),
                    categories,
                    CityTime.inMessages(first.occurredAt()),
                    CityTime.inMessages(last.occurredAt()),
                    complaints.size(),
                    maxSeverity,
                    grid.leadName());
            out.collect(Alerts.of(NAME, level, grid, first.subject().key(), complaints, message));
        }
    }
}
