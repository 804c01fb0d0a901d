package io.gridwatch.common.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import io.gridwatch.common.event.WireName;

/** Warning level (预警等级), in rising order of urgency. */
public enum AlertLevel implements WireName {
    YELLOW("yellow", "黄色"),
    ORANGE("orange", "橙色"),
    RED("red", "红色");

    private final String wireName;
    private final String label;

    AlertLevel(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The Chinese name shown to staff. */
    public String label() {
        return label;
    }
}
