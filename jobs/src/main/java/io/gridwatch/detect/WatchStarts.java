package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.time.CityTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When GridWatch began to watch a grid: markers taken like events, in event-time order, by the detectors that must
 * know how long they have been watching — {@code patrol_gap} (a grid never patrolled since), {@code new_category} and
 * {@code grid_hotspot} (learning, 学习期: not yet a look-back or a baseline's half-life watched). A job's markers are
 * dated at its start, a replayed or warm-start history's at its first event; a detector takes one only where it has
 * no state for the key yet, so a restored job's markers change nothing it knows.
 */
public final class WatchStarts {

    /** The event id of every marker: no intake system's id starts like this. */
    private static final String PREFIX = "gridwatch:watch-start:";

    private WatchStarts() {}

    /** Whether {@code event} is a marker, not something that happened. */
    public static boolean isMarker(GridEvent event) {
        return isMarker(event.eventId());
    }

    /** Whether the event of {@code eventId} is a marker. */
    public static boolean isMarker(String eventId) {
        return eventId.startsWith(PREFIX);
    }

    /** The grid is watched for patrols from {@code at}. */
    public static Patrol patrols(String gridId, Instant at) {
        return new Patrol(PREFIX + gridId, gridId, "gridwatch", at, PatrolKind.VISIT, null, List.of(), null);
    }

    /** The grid's complaints of {@code category} are watched from {@code at} (and, for hotspots, all of them). */
    public static Complaint complaints(String gridId, Category category, Instant at) {
        return new Complaint(PREFIX + gridId + ":" + category.wireName(), gridId, at, at, Channel.APP, category,
                Complaint.MIN_SEVERITY, new Subject("", PREFIX), "", null, null);
    }

    /**
     * {@code alert} raised while its detector is still learning ({@code since} to {@code until}): indexed and
     * published, marked by a silence that holds it back from being sent — the dashboard shows it with the reason.
     */
    public static Alert learning(Alert alert, Instant since, Duration learningFor) {
        Silence learning = new Silence("gridwatch:learning:" + alert.detector() + ":" + alert.gridId(), alert.gridId(),
                alert.detector(), null, since, since.plus(learningFor),
                "学习期：自" + CityTime.inMessages(since) + "开始监测，基线学习满" + Alerts.span(learningFor) + "前的预警只记录、不推送",
                "GridWatch");
        return alert.silencedBy(learning);
    }

    /** Whether {@code alert} was raised while its detector was learning. */
    public static boolean isLearning(Alert alert) {
        return alert.silence() != null && alert.silence().id().startsWith("gridwatch:learning:");
    }
}
