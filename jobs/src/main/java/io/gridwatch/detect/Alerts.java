package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.privacy.Masking;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Builds alerts from evidence the same way for every detector, enriched from the grid registry. */
public final class Alerts {

    private Alerts() {}

    /**
     * An alert whose window spans the evidence (when it happened), whose id is derived from detector, grid, key and
     * evidence, and whose {@code createdAt} is when the latest evidence became known ({@link GridEvent#knownAt}).
     */
    public static Alert of(
            String detector, AlertLevel level, Grid grid, String key, List<? extends GridEvent> evidence, String message) {
        List<? extends GridEvent> ordered = ordered(evidence);
        Instant known = ordered.stream().map(GridEvent::knownAt).max(Comparator.naturalOrder()).orElseThrow();
        return of(detector, level, grid, key, ordered, message, ordered.get(0).occurredAt(),
                ordered.get(ordered.size() - 1).occurredAt(), known);
    }

    /**
     * An alert about something that did not happen in time: its window runs from the first evidence to the
     * {@code deadline}; it is created at {@code raisedAt}, when the detector stopped waiting for late evidence.
     */
    public static Alert ofDeadline(
            String detector, AlertLevel level, Grid grid, String key, List<? extends GridEvent> evidence, String message,
            Instant deadline, Instant raisedAt) {
        List<? extends GridEvent> ordered = ordered(evidence);
        return of(detector, level, grid, key, ordered, message, ordered.get(0).occurredAt(), deadline, raisedAt);
    }

    private static Alert of(
            String detector, AlertLevel level, Grid grid, String key, List<? extends GridEvent> ordered, String message,
            Instant windowStart, Instant windowEnd, Instant createdAt) {
        List<String> eventIds = ordered.stream().map(GridEvent::eventId).toList();
        return Alert.builder(detector, level).grid(grid).key(key).window(windowStart, windowEnd)
                .evidence(ordered.size(), eventIds).message(message).createdAt(createdAt).build();
    }

    private static List<? extends GridEvent> ordered(List<? extends GridEvent> evidence) {
        return evidence.stream()
                .sorted(Comparator.comparing(GridEvent::occurredAt).thenComparing(GridEvent::eventId))
                .toList();
    }


    /** {@code 2天}, {@code 12小时}, {@code 30分钟}: a rule's duration as staff read it. */
    public static String span(Duration duration) {
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + "天";
        }
        if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() + "小时";
        }
        return duration.toMinutes() + "分钟";
    }

    /**
     * A complaint's subject as an alert may name it: its address, which residents write, with any phone, identity or
     * bank card number in it masked ({@link Masking#text}).
     */
    public static String address(Subject subject) {
        return Masking.text(subject.address());
    }

    /** {@code 东湖街道/幸福里社区/幸福里第一网格}. */
    public static String place(Grid grid) {
        return grid.street() + "/" + grid.community() + "/" + grid.name();
    }
}
