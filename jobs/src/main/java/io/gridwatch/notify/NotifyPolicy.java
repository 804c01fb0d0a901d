package io.gridwatch.notify;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.rules.DurationText;
import java.io.Serializable;
import java.time.Duration;

/**
 * When an unacknowledged alert escalates, and how many notices one recipient gets before the rest are folded into a
 * digest; the {@code escalation} and {@code rate_limit} sections of {@code notify.yaml}.
 *
 * @param red how long a red alert may stay unacknowledged at one tier before it goes to the next
 * @param maxPerWindow notices sent to one recipient one by one within {@code window}; more wait for the digest
 */
public record NotifyPolicy(Duration red, Duration orange, Duration yellow, int maxPerWindow, Duration window)
        implements Serializable {

    /** Red 30 min, orange 4 h, yellow 24 h; five notices per recipient in ten minutes. */
    public static final NotifyPolicy DEFAULT =
            new NotifyPolicy(Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofHours(24), 5, Duration.ofMinutes(10));

    public NotifyPolicy {
        positive("escalation.red", red);
        positive("escalation.orange", orange);
        positive("escalation.yellow", yellow);
        positive("rate_limit.window", window);
        if (maxPerWindow < 1) {
            throw new IllegalArgumentException("rate_limit.max must be at least 1, was " + maxPerWindow);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
    }

    /** How long an alert of {@code level} waits at one tier for someone to act. */
    public Duration escalateAfter(AlertLevel level) {
        return switch (level) {
            case RED -> red;
            case ORANGE -> orange;
            case YELLOW -> yellow;
        };
    }

    /** {@code escalation:} in notify.yaml; levels left out keep their default. */
    record EscalationSection(String red, String orange, String yellow) {}

    /** {@code rate_limit:} in notify.yaml. */
    record RateLimitSection(Integer max, String per) {}

    static NotifyPolicy of(EscalationSection escalation, RateLimitSection rateLimit) {
        EscalationSection e = escalation == null ? new EscalationSection(null, null, null) : escalation;
        RateLimitSection r = rateLimit == null ? new RateLimitSection(null, null) : rateLimit;
        return new NotifyPolicy(
                duration("escalation.red", e.red(), DEFAULT.red()),
                duration("escalation.orange", e.orange(), DEFAULT.orange()),
                duration("escalation.yellow", e.yellow(), DEFAULT.yellow()),
                r.max() == null ? DEFAULT.maxPerWindow() : r.max(),
                duration("rate_limit.per", r.per(), DEFAULT.window()));
    }

    private static Duration duration(String key, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage()); // the key is the news: no cause to hide it
        }
    }
}
