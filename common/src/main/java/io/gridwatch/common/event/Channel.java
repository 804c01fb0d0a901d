package io.gridwatch.common.event;

/** How a complaint reached the grid. */
public enum Channel implements WireName {
    HOTLINE_12345("hotline_12345"),
    APP("app"),
    WALK_IN("walk_in"),
    PATROL_FOUND("patrol_found");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
