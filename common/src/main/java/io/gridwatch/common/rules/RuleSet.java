package io.gridwatch.common.rules;

import io.gridwatch.common.event.Category;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One detector's rule with its overrides from {@code rules.yaml}: {@code per_category} and {@code per_street}
 * sections that change some of the rule's values. A street override is applied after a category override, so a
 * street can tighten what a category sets city-wide. Every combination is resolved and validated at load time.
 */
public final class RuleSet<R extends AlertRule> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final R base;
    private final Map<Category, R> byCategory;
    private final Map<String, R> byStreet;
    private final Map<String, R> byStreetAndCategory;

    RuleSet(R base, Map<Category, R> byCategory, Map<String, R> byStreet, Map<String, R> byStreetAndCategory) {
        this.base = Objects.requireNonNull(base);
        this.byCategory = new LinkedHashMap<>(byCategory);
        this.byStreet = new LinkedHashMap<>(byStreet);
        this.byStreetAndCategory = new LinkedHashMap<>(byStreetAndCategory);
    }

    /** A rule set without overrides. */
    public static <R extends AlertRule> RuleSet<R> of(R base) {
        return new RuleSet<>(base, Map.of(), Map.of(), Map.of());
    }

    /** The rule as written, without overrides. */
    public R base() {
        return base;
    }

    /** The rule for a grid of {@code street}. */
    public R forStreet(String street) {
        return byStreet.getOrDefault(street, base);
    }

    /** The rule for a complaint of {@code category} in a grid of {@code street}. */
    public R forContext(String street, Category category) {
        R both = byStreetAndCategory.get(street + "|" + category.wireName());
        if (both != null) {
            return both;
        }
        R streetRule = byStreet.get(street);
        return streetRule != null ? streetRule : byCategory.getOrDefault(category, base);
    }

    /**
     * Every distinct rule in the set, each with a stable name of the context it came from first ("default",
     * "category=wage_arrears", "street=长河镇", "street=长河镇,category=wage_arrears"). Detectors whose pattern is
     * fixed at build time (CEP) run one pattern per variant.
     */
    public Map<R, String> variants() {
        Map<R, String> variants = new LinkedHashMap<>();
        variants.put(base, "default");
        byCategory.forEach((category, rule) -> variants.putIfAbsent(rule, "category=" + category.wireName()));
        byStreet.forEach((street, rule) -> variants.putIfAbsent(rule, "street=" + street));
        byStreetAndCategory.forEach((key, rule) -> {
            String[] parts = key.split("\\|", 2);
            variants.putIfAbsent(rule, "street=" + parts[0] + ",category=" + parts[1]);
        });
        return variants;
    }

    /**
     * The streets with overrides of their own (of the street alone or of a category in it), each naming the variant
     * of the rule its grids get; every other street gets the city-wide rule. For detectors that put every category's
     * rule into one pattern per street ({@code repeated_dispute}).
     */
    public Set<String> streetsWithOverrides() {
        Set<String> streets = new TreeSet<>(byStreet.keySet());
        byStreetAndCategory.keySet().forEach(key -> streets.add(key.split("\\|", 2)[0]));
        return streets;
    }

    /** The rule of each category for a grid of {@code street} ({@code null}: a street without overrides). */
    public Map<Category, R> byCategory(String street) {
        Map<Category, R> rules = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            rules.put(category, street == null ? byCategory.getOrDefault(category, base) : forContext(street, category));
        }
        return rules;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet<?> other
                && base.equals(other.base)
                && byCategory.equals(other.byCategory)
                && byStreet.equals(other.byStreet)
                && byStreetAndCategory.equals(other.byStreetAndCategory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, byCategory, byStreet, byStreetAndCategory);
    }
}
