package io.gridwatch.notify;

import java.io.Serializable;

/**
 * One recipient's current rate-limit window, the keyed state of {@link DeliverNotices}.
 *
 * @param end event time at which the window closes and held notices go out as a digest
 * @param sent notices sent in this window
 */
public record RateWindow(long end, int sent) implements Serializable {

    RateWindow plusOne() {
        return new RateWindow(end, sent + 1);
    }
}
