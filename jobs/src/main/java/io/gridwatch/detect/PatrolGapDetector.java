package io.gridwatch.detect;

import static io.gridwatch.job.StateAndSideOutputs.LAST_PATROL;
import static io.gridwatch.job.StateAndSideOutputs.PATROL_DEADLINE;
import static io.gridwatch.job.StateAndSideOutputs.PENDING_PATROLS;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.PatrolGapRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * {@code patrol_gap} (定期走访巡查): a grid that no patrol has visited for longer than its grid type allows.
 *
 * <p>Input: patrols of any kind, keyed by grid. Each patrol moves the grid's deadline to {@code occurredAt + maxGap}
 * (by the grid's type and street) with an event-time timer. When the watermark passes the deadline — which in live
 * mode it does by the wall clock even when no event arrives — a yellow alert goes to the community; if the grid
 * stays unvisited, orange after a second {@code maxGap} and red after a third. Output: those alerts, keyed to the
 * grid (no key), with the last patrol as evidence. Time: event time; patrols wait in an {@link EventTimeBuffer} until
 * the watermark passes them, so patrols and deadlines are taken in event-time order whatever order the patrols
 * arrive in (a patrol exactly at a deadline ends the gap in time). State: patrols waiting for the watermark, the last
 * patrol time and the pending deadline; the latter two are cleared after the red alert or replaced when the grid is
 * visited again, so a grid that goes quiet leaves nothing behind. Grids never patrolled are watched from the job's
 * start through {@link #watchStart} markers, one per registry grid. Rules: reloadable while running
 * ({@link RulesAwareFunction}); a new {@code max_gap} applies from the next deadline set (the next patrol or the
 * next level); a deadline already set stands, and the level counts the deadlines passed.
 */
public final class PatrolGapDetector extends RulesAwareFunction<String, Patrol> {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "patrol_gap";

    private static final AlertLevel[] LEVELS = {AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED};

    /**
     * How many deadlines have passed since the last patrol: the level of the next alert. Counted, not derived from
     * the time since the patrol, because the gap that set a deadline may not be the gap the rules say now.
     */
    private static final ValueStateDescriptor<Integer> GAPS_REPORTED =
            new ValueStateDescriptor<>("patrol-gaps-reported", Types.INT);

    /** Whether the grid has had no patrol since it was first watched: its alert says so. */
    private static final ValueStateDescriptor<Boolean> NEVER_PATROLLED =
            new ValueStateDescriptor<>("patrol-never-patrolled", Types.BOOLEAN);

    /** The event id of a watch start: no intake system's id starts like this. */
    private static final String WATCH_START = "gridwatch:watch-start:";

    private final GridRegistry registry;
    private transient ValueState<Boolean> neverPatrolled;
    private transient ValueState<Long> lastPatrol;
    private transient ValueState<Long> deadline;
    private transient ValueState<Integer> gapsReported;
    private transient EventTimeBuffer<String> pending;

    public PatrolGapDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        lastPatrol = getRuntimeContext().getState(LAST_PATROL);
        deadline = getRuntimeContext().getState(PATROL_DEADLINE);
        gapsReported = getRuntimeContext().getState(GAPS_REPORTED);
        neverPatrolled = getRuntimeContext().getState(NEVER_PATROLLED);
        pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(PENDING_PATROLS), Comparator.naturalOrder());
    }

    @Override
    public void processElement(Patrol patrol, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        pending.hold(patrol.occurredAt().toEpochMilli(), patrol.eventId(), ctx.timerService());
    }

    /**
     * A marker that the grid is watched from {@code at}: a grid with no patrol and no pending deadline then gets its
     * first deadline {@code max_gap} after it, so a grid never patrolled is flagged like one long unvisited. Taken like
     * a patrol, in event-time order; ignored where the grid has a patrol or a deadline already (a restored job).
     */
    public static Patrol watchStart(String gridId, Instant at) {
        return new Patrol(WATCH_START + gridId, gridId, "gridwatch", at, PatrolKind.VISIT, null, List.of(), null);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<String> released = pending.release(timestamp);
        boolean visited = released.stream().anyMatch(id -> !id.startsWith(WATCH_START));
        if (visited || (!released.isEmpty() && lastPatrol.value() == null && deadline.value() == null)) {
            // A visit at this instant (or the start of watching an unwatched grid): the gap starts here, replacing a
            // deadline that falls on the same instant.
            lastPatrol.update(timestamp);
            gapsReported.clear();
            if (visited) {
                neverPatrolled.clear();
            } else {
                neverPatrolled.update(true);
            }
            schedule(ctx, timestamp + maxGap(rules(ctx).patrolGap(), ctx.getCurrentKey()).toMillis());
        }
        if (deadline.value() != null && timestamp == deadline.value()) {
            raise(timestamp, ctx, out);
        }
    }

    /** Reports the gap whose deadline is {@code timestamp}, and schedules the next level's deadline. */
    private void raise(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Grid grid = registry.find(ctx.getCurrentKey()).orElseThrow();
        long last = lastPatrol.value();
        int gaps = (gapsReported.value() == null ? 0 : gapsReported.value()) + 1;
        AlertLevel level = LEVELS[Math.min(gaps, LEVELS.length) - 1];
        out.collect(alert(grid, level, Instant.ofEpochMilli(last), Instant.ofEpochMilli(timestamp),
                Boolean.TRUE.equals(neverPatrolled.value())));
        if (gaps < LEVELS.length) {
            gapsReported.update(gaps);
            schedule(ctx, timestamp + maxGap(rules(ctx).patrolGap(), grid.gridId()).toMillis());
        } else {
            lastPatrol.clear();
            deadline.clear();
            gapsReported.clear();
            neverPatrolled.clear();
        }
    }

    private void schedule(ReadOnlyContext ctx, long at) throws Exception {
        if (deadline.value() != null) {
            pending.deleteTimerUnlessHeld(deadline.value(), ctx.timerService());
        }
        deadline.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private Duration maxGap(RuleSet<PatrolGapRule> rules, String gridId) {
        Grid grid = registry.find(gridId).orElseThrow();
        return rules.forStreet(grid.street()).maxGapFor(grid.type());
    }

    private static Alert alert(Grid grid, AlertLevel level, Instant lastPatrol, Instant now, boolean never) {
        long days = Duration.between(lastPatrol, now).toDays();
        String message = String.format(
                never ? "【%s预警·网格走访缺位】%s：自%s开始监测以来%d天无任何网格员走访记录，请%s督促网格员尽快入户走访。"
                        : "【%s预警·网格走访缺位】%s：自%s最后一次走访巡查以来已%d天无网格员到访，请%s督促网格员尽快入户走访。",
                level.label(), Alerts.place(grid), Alerts.localTime(lastPatrol), days, grid.community());
        // The evidence is an absence: the id names the grid, the last patrol and the level, not event ids.
        List<String> evidence = List.of();
        return new Alert(
                AlertId.of(NAME, grid.gridId(), lastPatrol + "/" + level.wireName(), evidence),
                NAME, level, grid.gridId(), grid.name(), grid.community(), grid.street(), grid.district(), null,
                lastPatrol, now, 0, evidence, message, now, grid.centroid());
    }
}
