package io.gridwatch.detect.hotspot;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where a grid's sliding windows stand in its sequence of complaints ({@link SlidingWindows}).
 *
 * @param windows the windows' lengths in millis, as the rules gave them
 * @param head the sequence number the next complaint gets
 * @param tails per window, the sequence number of its oldest complaint ({@code head} when empty)
 * @param distinct per window, how many different residents its complaints come from
 */
public record WindowCursor(long[] windows, long head, long[] tails, int[] distinct) implements Serializable {

    static WindowCursor empty(long[] windows, long head) {
        long[] tails = new long[windows.length];
        Arrays.fill(tails, head);
        return new WindowCursor(windows.clone(), head, tails, new int[windows.length]);
    }

    long oldest() {
        return Arrays.stream(tails).min().orElse(head);
    }
}
