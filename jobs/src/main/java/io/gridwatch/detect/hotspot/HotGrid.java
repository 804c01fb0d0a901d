package io.gridwatch.detect.hotspot;

import io.gridwatch.common.alert.AlertLevel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid the cluster detector counts as hot from {@code from} until {@code until} (event time, epoch millis).
 * Intervals rather than a flag, so a hotspot alert and a recovery notice are judged by their event time whatever
 * order they arrive in.
 *
 * @param eventIds the evidence of its latest hotspot alert
 */
public record HotGrid(AlertLevel level, long from, long until, List<String> eventIds) implements Serializable {

    public HotGrid {
        eventIds = new ArrayList<>(eventIds);
    }

    boolean isHotAt(long time) {
        return from <= time && time < until;
    }
}
