package io.gridwatch.detect.hotspot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * A grid's complaints in sliding windows ending now, counted as complaints enter and leave: how many, from how many
 * residents, and the latest of them — each complaint costs constant work however many the windows hold, so a mass
 * incident (thousands of complaints in a day) does not turn quadratic.
 *
 * <p>Complaints are numbered in the order they are taken (event-time order) and kept by number; each window keeps the
 * number of its oldest complaint and, per resident, how many of the resident's complaints it holds. Moving to a later
 * time drops from each window the complaints it no longer covers, and forgets a complaint once no window holds it.
 * A window holds the complaints at or before now and after now minus its length. When the rules change the windows,
 * they are rebuilt once from the complaints kept.
 */
final class SlidingWindows {

    private final MapState<Long, HotspotEntry> complaints;
    private final MapState<String, int[]> perResident;
    private final ValueState<WindowCursor> cursor;

    SlidingWindows(MapState<Long, HotspotEntry> complaints, MapState<String, int[]> perResident,
            ValueState<WindowCursor> cursor) {
        this.complaints = complaints;
        this.perResident = perResident;
        this.cursor = cursor;
    }

    /**
     * Where the windows stand after taking a complaint.
     *
     * @param joined per window, whether the complaint's resident is new to it (a repeat caller changes no count)
     */
    record Added(WindowCursor cursor, boolean[] joined) {}

    /** Takes {@code complaint}, the latest so far, into every window, which then end at its time. */
    Added add(HotspotEntry complaint, List<Duration> windows) throws Exception {
        WindowCursor at = advanceTo(complaint.at(), windows);
        complaints.put(at.head(), complaint);
        int[] counts = counts(complaint.complainant(), at.windows().length);
        int[] distinct = at.distinct().clone();
        boolean[] joined = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i]++ == 0) {
                distinct[i]++;
                joined[i] = true;
            }
        }
        perResident.put(complaint.complainant(), counts);
        WindowCursor added = new WindowCursor(at.windows(), at.head() + 1, at.tails(), distinct);
        cursor.update(added);
        return new Added(added, joined);
    }

    /** Moves the windows' end to {@code now}, dropping what they no longer cover; returns where they stand. */
    WindowCursor advanceTo(long now, List<Duration> windows) throws Exception {
        WindowCursor at = current(windows);
        long[] tails = at.tails().clone();
        int[] distinct = at.distinct().clone();
        for (int i = 0; i < tails.length; i++) {
            while (tails[i] < at.head()) {
                HotspotEntry oldest = complaints.get(tails[i]);
                if (oldest.at() > now - at.windows()[i]) {
                    break;
                }
                int[] counts = counts(oldest.complainant(), tails.length);
                if (--counts[i] == 0) {
                    distinct[i]--;
                }
                store(oldest.complainant(), counts);
                tails[i]++;
            }
        }
        WindowCursor moved = new WindowCursor(at.windows(), at.head(), tails, distinct);
        for (long seq = at.oldest(); seq < moved.oldest(); seq++) {
            complaints.remove(seq);
        }
        cursor.update(moved);
        return moved;
    }

    /** How many complaints window {@code i} holds. */
    static int count(WindowCursor at, int i) {
        return (int) (at.head() - at.tails()[i]);
    }

    /** The oldest complaint of window {@code i}, which must not be empty. */
    HotspotEntry oldest(WindowCursor at, int i) throws Exception {
        return complaints.get(at.tails()[i]);
    }

    /** The latest {@code limit} complaints of window {@code i}, oldest first. */
    List<HotspotEntry> latest(WindowCursor at, int i, int limit) throws Exception {
        List<HotspotEntry> latest = new ArrayList<>();
        for (long seq = Math.max(at.tails()[i], at.head() - limit); seq < at.head(); seq++) {
            latest.add(complaints.get(seq));
        }
        return latest;
    }

    void clear() {
        complaints.clear();
        perResident.clear();
        cursor.clear();
    }

    /** The cursor for {@code windows}: rebuilt from the complaints kept if the rules changed the windows. */
    private WindowCursor current(List<Duration> windows) throws Exception {
        long[] lengths = windows.stream().mapToLong(Duration::toMillis).toArray();
        WindowCursor at = cursor.value();
        if (at == null) {
            return WindowCursor.empty(lengths, 0);
        }
        if (Arrays.equals(at.windows(), lengths)) {
            return at;
        }
        // Every kept complaint goes into every new window; advancing to the next time drops what they do not cover.
        long[] tails = new long[lengths.length];
        Arrays.fill(tails, at.oldest());
        perResident.clear();
        int[] distinct = new int[lengths.length];
        for (long seq = at.oldest(); seq < at.head(); seq++) {
            String resident = complaints.get(seq).complainant();
            int[] counts = counts(resident, lengths.length);
            for (int i = 0; i < lengths.length; i++) {
                if (counts[i]++ == 0) {
                    distinct[i]++;
                }
            }
            perResident.put(resident, counts);
        }
        return new WindowCursor(lengths, at.head(), tails, distinct);
    }

    private int[] counts(String resident, int windows) throws Exception {
        int[] counts = perResident.get(resident);
        return counts == null ? new int[windows] : counts.clone();
    }

    private void store(String resident, int[] counts) throws Exception {
        if (Arrays.stream(counts).allMatch(c -> c == 0)) {
            perResident.remove(resident);
        } else {
            perResident.put(resident, counts);
        }
    }
}
