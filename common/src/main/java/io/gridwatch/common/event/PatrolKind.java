package io.gridwatch.common.event;

/** What a patrol was for. {@code FOLLOWUP} and {@code RESOLUTION} reference the complaint they answer. */
public enum PatrolKind implements WireName {
    VISIT("visit", "走访"),
    INSPECTION("inspection", "巡查"),
    FOLLOWUP("followup", "跟进"),
    RESOLUTION("resolution", "办结");

    private final String wireName;
    private final String label;

    PatrolKind(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The kind as staff say it. */
    public String label() {
        return label;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
