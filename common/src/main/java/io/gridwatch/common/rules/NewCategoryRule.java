package io.gridwatch.common.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.event.Category;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code new_category}: the first complaint of a watched category in a grid within {@code lookback} → yellow alert,
 * so a new kind of trouble is seen at once.
 */
public record NewCategoryRule(Set<Category> categories, Duration lookback, Duration cooldown) implements AlertRule {

    @JsonCreator
    public NewCategoryRule(
            @JsonProperty(value = "categories", required = true) List<String> categories,
            @JsonProperty(value = "lookback", required = true) String lookback,
            @JsonProperty(value = "cooldown", required = true) String cooldown) {
        this(RuleValues.categories("categories", categories), RuleValues.positiveDuration("lookback", lookback),
                RuleValues.positiveDuration("cooldown", cooldown));
    }

    public NewCategoryRule {
        categories = EnumSet.copyOf(categories);
    }
}
