package io.gridwatch.detect.hotspot;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.detect.Alerts;
import java.time.Duration;

/** What {@code grid_hotspot} says to staff, in Chinese: a hot grid, and its return to the usual. */
final class HotspotMessages {

    private HotspotMessages() {}

    /** A grid with {@code residents} residents ({@code count} complaints) in {@code window}, against the usual. */
    static String raised(AlertLevel level, Grid grid, Duration window, int count, int residents, double expected,
            double p) {
        return String.format(
                "【%s预警·网格热点】%s：近%s收到群众诉求%d件（%d人反映），远高于该网格平时水平（约%.1f人，p=%.1e），"
                        + "请网格长%s排查原因、及早化解。",
                level.label(), Alerts.place(grid), Alerts.span(window), count, residents, expected, p, grid.leadName());
    }

    /** The grid is back to its usual load: the {@code level} warning is lifted. */
    static String recovered(Grid grid, AlertLevel level) {
        return String.format("【已恢复·网格热点】%s：群众诉求量已回落至平时水平，%s预警解除。", Alerts.place(grid), level.label());
    }
}
