package io.gridwatch.rollup;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.detect.OverdueResponseDetector;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-grid daily rollup (网格日报) behind the {@code gridwatch-grid-daily} index.
 *
 * <p>Input: valid events and the alerts to be published, both keyed by grid. Output: a {@link GridDay} for each
 * grid and local day with activity, emitted when the watermark passes the end of the day, and again whenever a late
 * event or a response changes a day already emitted (the document is upserted by its id). Response times count from
 * a complaint to its first {@code followup} or {@code resolution} and are attributed to the day of that follow-up.
 * Time: event time, days in Beijing time. A day is closed {@link #KEEP_DAYS_OPEN} after it ends: what still arrives
 * for it — typically an alert merged within its cool-down, which keeps the creation time it was first counted under —
 * changes nothing, since a tally rebuilt from that alone would be upserted over the day's real document. State: a
 * tally per open day, dropped when the day closes; unanswered complaints, dropped when answered or after
 * {@link #MAX_RESPONSE_WAIT} (found by their expiry, so a burst of complaints costs each one constant work). A grid
 * that goes quiet leaves nothing behind.
 */
public final class DailyRollup extends KeyedCoProcessFunction<String, GridEvent, Alert, GridDay> {

    private static final long serialVersionUID = 1L;

    /** Daily rollup: the tally of each day of the grid still open for late events, by epoch day. */
    private static final MapStateDescriptor<Long, DayTally> DAY_TALLIES =
            new MapStateDescriptor<>("day-tallies", Types.LONG, TypeInformation.of(DayTally.class));

    /** Daily rollup: complaints of the grid not yet followed up, with their event time. */
    private static final MapStateDescriptor<String, Long> UNANSWERED_COMPLAINTS =
            new MapStateDescriptor<>("unanswered-complaints", Types.STRING, Types.LONG);

    /** How long after its end a day still takes late events. */
    static final Duration KEEP_DAYS_OPEN = Duration.ofDays(2);

    /** A complaint not followed up within this long no longer waits for its response time. */
    static final Duration MAX_RESPONSE_WAIT = Duration.ofDays(30);

    /** Unanswered complaints by the time they stop waiting for an answer: what each timer drops. */
    private static final MapStateDescriptor<Long, List<String>> UNANSWERED_BY_EXPIRY = new MapStateDescriptor<>(
            "unanswered-by-expiry", Types.LONG, Types.LIST(Types.STRING));

    private transient MapState<Long, DayTally> tallies;
    private transient MapState<String, Long> unanswered;
    private transient MapState<Long, List<String>> unansweredByExpiry;

    @Override
    public void open(OpenContext openContext) {
        tallies = getRuntimeContext().getMapState(DAY_TALLIES);
        unanswered = getRuntimeContext().getMapState(UNANSWERED_COMPLAINTS);
        unansweredByExpiry = getRuntimeContext().getMapState(UNANSWERED_BY_EXPIRY);
    }

    @Override
    public void processElement1(GridEvent event, Context ctx, Collector<GridDay> out) throws Exception {
        Double responseMinutes = null;
        if (event instanceof Complaint complaint) {
            awaitAnswer(complaint, ctx);
        } else if (event instanceof Patrol patrol && OverdueResponseDetector.isAnswer(patrol)) {
            responseMinutes = answer(patrol);
        }
        long day = dayOf(event.occurredAt());
        DayTally tally = openTally(day, ctx);
        if (tally == null) {
            return; // the day is closed
        }
        if (event instanceof Complaint complaint) {
            tally.complaint(complaint);
        } else {
            tally.patrol();
        }
        if (responseMinutes != null) {
            tally.response(responseMinutes);
        }
        update(day, tally, ctx, out);
    }

    private void awaitAnswer(Complaint complaint, Context ctx) throws Exception {
        long expiry = complaint.occurredAt().plus(MAX_RESPONSE_WAIT).toEpochMilli();
        unanswered.put(complaint.eventId(), complaint.occurredAt().toEpochMilli());
        List<String> expiring = unansweredByExpiry.get(expiry);
        List<String> updated = expiring == null ? new ArrayList<>() : new ArrayList<>(expiring);
        updated.add(complaint.eventId());
        unansweredByExpiry.put(expiry, updated);
        ctx.timerService().registerEventTimeTimer(expiry);
    }

    /** Minutes from the complaint to {@code answer} if it is the complaint's first answer, else {@code null}. */
    private Double answer(Patrol answer) throws Exception {
        Long complainedAt = unanswered.get(answer.refEventId());
        if (complainedAt == null) {
            return null;
        }
        unanswered.remove(answer.refEventId());
        return (answer.occurredAt().toEpochMilli() - complainedAt) / 60_000.0;
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<GridDay> out) throws Exception {
        if (alert.recoveredAt() != null) {
            return; // a recovery notice is not a new alert
        }
        long day = dayOf(alert.createdAt());
        DayTally tally = openTally(day, ctx);
        if (tally != null) {
            tally.alert(alert.detector(), alert.alertId());
            update(day, tally, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GridDay> out) throws Exception {
        for (Long day : copy(tallies.keys())) { // the open days: three or four
            long end = endOf(day);
            DayTally tally = tallies.get(day);
            if (timestamp == end) {
                out.collect(tally.toGridDay(ctx.getCurrentKey(), LocalDate.ofEpochDay(day)));
            } else if (timestamp >= end + KEEP_DAYS_OPEN.toMillis()) {
                tallies.remove(day);
            }
        }
        List<String> expiring = unansweredByExpiry.get(timestamp);
        if (expiring != null) {
            for (String complaintId : expiring) {
                unanswered.remove(complaintId);
            }
            unansweredByExpiry.remove(timestamp);
        }
    }

    /** The tally of {@code day}, new if the day has none yet; {@code null} once the day is closed. */
    private DayTally openTally(long day, Context ctx) throws Exception {
        DayTally tally = tallies.get(day);
        if (tally != null) {
            return tally;
        }
        if (ctx.timerService().currentWatermark() >= endOf(day) + KEEP_DAYS_OPEN.toMillis()) {
            return null;
        }
        ctx.timerService().registerEventTimeTimer(endOf(day));
        ctx.timerService().registerEventTimeTimer(endOf(day) + KEEP_DAYS_OPEN.toMillis());
        return new DayTally();
    }

    /** Stores the tally; a day whose end the watermark has passed is emitted again at once. */
    private void update(long day, DayTally tally, Context ctx, Collector<GridDay> out) throws Exception {
        tallies.put(day, tally);
        if (ctx.timerService().currentWatermark() >= endOf(day)) {
            out.collect(tally.toGridDay(ctx.getCurrentKey(), LocalDate.ofEpochDay(day)));
        }
    }

    static long dayOf(Instant instant) {
        return instant.atZone(CityTime.ZONE).toLocalDate().toEpochDay();
    }

    /** The first instant after the local day. */
    static long endOf(long epochDay) {
        return LocalDate.ofEpochDay(epochDay + 1).atStartOfDay(CityTime.ZONE).toInstant().toEpochMilli();
    }

    /** A copy, so that state entries can be removed while going through them. */
    private static <T> List<T> copy(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
