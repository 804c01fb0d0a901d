package io.gridwatch.common.event;

/** What a patrol was for. {@code FOLLOWUP} and {@code RESOLUTION} reference the complaint they answer. */
public enum PatrolKind implements WireName {
    VISIT("visit"),
    INSPECTION("inspection"),
    FOLLOWUP("followup"),
    RESOLUTION("resolution");

    private final String wireName;

    PatrolKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
