package io.gridwatch.common.event;

/**
 * How the resident rated the handling of a complaint (满意度), recorded by the resolution patrol or a follow-up call
 * (回访); the street's 满意率 counts satisfied and basically satisfied among those rated.
 */
public enum Satisfaction implements WireName {
    SATISFIED("satisfied", "满意"),
    BASICALLY_SATISFIED("basically_satisfied", "基本满意"),
    DISSATISFIED("dissatisfied", "不满意");

    private final String wireName;
    private final String label;

    Satisfaction(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The rating as staff say it. */
    public String label() {
        return label;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
