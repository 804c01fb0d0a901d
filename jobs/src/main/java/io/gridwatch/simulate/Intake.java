package io.gridwatch.simulate;

import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * How the simulated city's input reaches GridWatch.
 *
 * <p>{@link #REALISTIC}, as the issue that asked for it measured real intake: residents report a while after what
 * happened, long-tailed (log-normal, median {@code medianReportDelay}, at most {@code maxReportDelay}: most within the
 * hour, some the next day); the 12345 hotline's system pushes its tickets every {@code hotlineBatch}; a share
 * {@code offlineVisitShare} of routine visits is made offline and synced up to {@code maxOfflineSync} later, at the
 * end of the worker's round; follow-ups and resolutions are recorded on the spot but a third of them synced up to
 * {@code maxAnswerSync} later. A burst of calls about something happening now (a hotspot) is reported within
 * minutes whatever the intake. {@link #PROMPT}: reports within half an hour, everything delivered the moment it is
 * known, in event-time order.
 */
public record Intake(Duration medianReportDelay, Duration maxReportDelay, Duration hotlineBatch,
        double offlineVisitShare, Duration maxOfflineSync, Duration maxAnswerSync) {

    public static final Intake PROMPT = new Intake(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO,
            Duration.ZERO);

    /** Within the shipped rules' {@code allowed_lateness}: answers 30 min, visits 12 h. */
    public static final Intake REALISTIC = new Intake(Duration.ofMinutes(20), Duration.ofDays(2), Duration.ofMinutes(10),
            0.15, Duration.ofHours(8), Duration.ofMinutes(20));

    /** The spread of report delays around their median: one in forty takes more than six hours. */
    private static final double REPORT_DELAY_SIGMA = 1.5;

    public boolean prompt() {
        return medianReportDelay.isZero();
    }

    /** How long after the incident a resident reports it, or {@code null} to keep the prompt delay. */
    Duration reportDelay(Random random) {
        if (prompt()) {
            return null;
        }
        double minutes = medianReportDelay.toMinutes() * Math.exp(REPORT_DELAY_SIGMA * random.nextGaussian());
        return Duration.ofSeconds(Math.min((long) (minutes * 60), maxReportDelay.toSeconds()));
    }

    /** When a complaint reaches GridWatch: its acceptance, or the hotline's next batch after it. */
    Instant arrivalOf(Complaint complaint) {
        if (hotlineBatch.isZero() || complaint.channel() != Channel.HOTLINE_12345) {
            return complaint.reportedAt();
        }
        long batch = hotlineBatch.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(complaint.reportedAt().toEpochMilli() + batch - 1, batch) * batch);
    }

    /** When a patrol reaches GridWatch: at once, or synced later from an offline app. */
    Instant arrivalOf(Patrol patrol, Random random) {
        if (prompt()) {
            return patrol.occurredAt();
        }
        if (patrol.kind() == PatrolKind.VISIT) {
            return random.nextDouble() < offlineVisitShare
                    ? patrol.occurredAt().plus(between(Duration.ofHours(1), maxOfflineSync, random))
                    : patrol.occurredAt();
        }
        return random.nextDouble() < 1 / 3.0
                ? patrol.occurredAt().plus(between(Duration.ZERO, maxAnswerSync, random))
                : patrol.occurredAt();
    }

    private static Duration between(Duration low, Duration high, Random random) {
        return low.plusSeconds((long) (random.nextDouble() * (high.toSeconds() - low.toSeconds())));
    }
}
