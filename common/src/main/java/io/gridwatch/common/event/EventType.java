package io.gridwatch.common.event;

/** The {@code type} discriminator of the JSON wire format. */
public enum EventType implements WireName {
    COMPLAINT("complaint"),
    PATROL("patrol");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
