package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.Grid;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** Builds alerts from evidence the same way for every detector, enriched from the grid registry. */
public final class Alerts {

    /** Times in messages are local: every Chinese city keeps Beijing time. */
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern("M月d日HH:mm").withZone(LOCAL_ZONE);

    private Alerts() {}

    /**
     * An alert whose window spans the evidence, whose id is derived from detector, grid, key and evidence, and whose
     * {@code createdAt} is the event time of the latest evidence.
     */
    public static Alert of(
            String detector, AlertLevel level, Grid grid, String key, List<? extends GridEvent> evidence, String message) {
        List<? extends GridEvent> ordered = evidence.stream()
                .sorted(Comparator.comparing(GridEvent::occurredAt).thenComparing(GridEvent::eventId))
                .toList();
        List<String> eventIds = ordered.stream().map(GridEvent::eventId).toList();
        Instant first = ordered.get(0).occurredAt();
        Instant last = ordered.get(ordered.size() - 1).occurredAt();
        return new Alert(
                AlertId.of(detector, grid.gridId(), key, eventIds),
                detector,
                level,
                grid.gridId(),
                grid.name(),
                grid.community(),
                grid.street(),
                grid.district(),
                key,
                first,
                last,
                ordered.size(),
                eventIds,
                message,
                last,
                grid.centroid());
    }

    /** {@code 3月2日09:00}, in Beijing time. */
    public static String localTime(Instant instant) {
        return MESSAGE_TIME.format(instant);
    }
}
