package io.gridwatch.notify;

import io.gridwatch.common.grid.Grid;

/**
 * Who answers for an alert, in the order it escalates: the grid lead (网格长), then the community (社区/村), then the
 * street's command centre (镇街治理指挥中心).
 */
public enum Tier {
    GRID_LEAD("网格长"),
    COMMUNITY("社区"),
    STREET("镇街指挥中心");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Lower case, for documents and idempotency keys. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The tier an unanswered alert escalates to next, or {@code null} from the street. */
    public Tier next() {
        return this == STREET ? null : values()[ordinal() + 1];
    }

    /** Who this tier is for {@code grid}: one recipient per grid lead, community and street. */
    public String recipient(Grid grid) {
        return switch (this) {
            case GRID_LEAD -> grid.gridId() + "/" + wireName();
            case COMMUNITY -> grid.street() + "/" + grid.community() + "/" + wireName();
            case STREET -> grid.street() + "/" + wireName();
        };
    }

    /** How the recipient is addressed in the log and in digests. */
    public String addressee(Grid grid) {
        return switch (this) {
            case GRID_LEAD -> "网格长" + grid.leadName() + "（" + grid.name() + "）";
            case COMMUNITY -> grid.community();
            case STREET -> grid.street() + "指挥中心";
        };
    }
}
