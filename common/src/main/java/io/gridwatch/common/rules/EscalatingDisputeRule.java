package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.event.Category;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code escalating_dispute} (防止“民转刑”): a dispute complaint about a subject at least {@code rises} severity levels
 * above an earlier one, or a conflict category after an earlier dispute, within {@code window} → red alert.
 *
 * @param rises how many severity levels a later dispute complaint must be above an earlier one, in one jump or in
 *     steps (2: e.g. 2 → 4, or 2 → 3 → 4)
 * @param categories the dispute categories watched
 * @param conflictCategories categories that escalate on their own when they follow an earlier dispute
 */
public record EscalatingDisputeRule(
        Duration window, int rises, Set<Category> categories, Set<Category> conflictCategories, Duration cooldown)
        implements AlertRule {

    @JsonCreator
    public EscalatingDisputeRule(
            @JsonProperty(value = "window", required = true) String window,
            @JsonProperty(value = "rises", required = true) int rises,
            @JsonProperty(value = "categories", required = true) List<String> categories,
            @JsonProperty(value = "conflict_categories", required = true) List<String> conflictCategories,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(RuleValues.positiveDuration("window", window), rises, RuleValues.categories("categories", categories),
                RuleValues.categories("conflict_categories", conflictCategories),
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public EscalatingDisputeRule {
        if (rises < 1 || rises > 3) {
            throw new IllegalArgumentException("rises must be 1-3 (severities run 1-4), was " + rises);
        }
        categories = EnumSet.copyOf(categories);
        conflictCategories = EnumSet.copyOf(conflictCategories);
    }
}
