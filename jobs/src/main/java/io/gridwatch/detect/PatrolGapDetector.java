package io.gridwatch.detect;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.PatrolGapRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.time.CityTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * {@code patrol_gap} (定期走访巡查): a grid that no patrol has visited for longer than its grid type allows.
 *
 * <p>Input: patrols of any kind, keyed by grid. The grid's last visit is the latest {@code occurredAt} of its patrols,
 * and its deadline is that visit plus {@code max_gap} (by the grid's type and street). The alert waits a further
 * {@code allowed_lateness} on an event-time timer for a visit made in time but synced late by an offline patrol app;
 * then — when the watermark passes, which in live mode it does by the wall clock even when no event arrives — a
 * yellow alert goes to the community; if the grid stays unvisited, orange after a second {@code max_gap} and red
 * after a third. A visit that comes after alerts were raised ends them with a recovery notice, sent under every alert
 * of the gap ({@link io.gridwatch.alerts.AlertSuppressor}): made before the first deadline it withdraws them (补录走访,
 * the gap never was), made after it closes them. Output: those alerts and recoveries, keyed to the grid (no key).
 * Time: event time, when patrols became known; patrols wait in an {@link EventTimeBuffer} until the watermark passes
 * them, so patrols and deadlines are taken in event-time order whatever order the patrols arrive in (a patrol exactly
 * at a deadline ends the gap in time). State: patrols waiting for the watermark, the last visit, the pending deadline,
 * how many deadlines have passed; after the red alert only the last visit and the count stay, for the recovery, so
 * a grid keeps at most a few numbers. Grids never patrolled are watched from the job's start through
 * {@link WatchStarts#patrols} markers, one per registry grid, taken like a patrol where the grid has neither patrol nor
 * deadline yet. Rules: reloadable while running ({@link RulesAwareFunction});
 * a new {@code max_gap} or {@code allowed_lateness} applies from the next deadline set (the next patrol or the next
 * level); a deadline already set stands, and the level counts the deadlines passed.
 */
public final class PatrolGapDetector extends RulesAwareFunction<String, Patrol, Alert> {

    private static final long serialVersionUID = 1L;

    /** {@code patrol_gap}: event time of the latest patrol in the grid. */
    private static final ValueStateDescriptor<Long> LAST_PATROL = new ValueStateDescriptor<>("last-patrol", Types.LONG);

    /** {@code patrol_gap}: the time of the grid's pending deadline timer, so a new patrol can replace it. */
    private static final ValueStateDescriptor<Long> PATROL_DEADLINE =
            new ValueStateDescriptor<>("patrol-deadline", Types.LONG);

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

    /** Patrols waiting for the watermark: event id and visit time, by the event time they became known. */
    private static final MapStateDescriptor<Long, List<Tuple2<String, Long>>> PENDING_VISITS =
            new MapStateDescriptor<>("pending-visits", Types.LONG, Types.LIST(Types.TUPLE(Types.STRING, Types.LONG)));

    private final GridRegistry registry;
    private transient ValueState<Boolean> neverPatrolled;
    private transient ValueState<Long> lastPatrol;
    private transient ValueState<Long> deadline;
    private transient ValueState<Integer> gapsReported;
    private transient EventTimeBuffer<Tuple2<String, Long>> pending;

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
        pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(PENDING_VISITS),
                Comparator.comparing((Tuple2<String, Long> visit) -> visit.f0));
    }

    @Override
    public void processElement(Patrol patrol, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        pending.hold(ctx.timestamp(), Tuple2.of(patrol.eventId(), patrol.occurredAt().toEpochMilli()),
                ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Tuple2<String, Long>> released = pending.release(timestamp);
        Long visited = released.stream().filter(visit -> !WatchStarts.isMarker(visit.f0))
                .map(visit -> visit.f1).max(Long::compare).orElse(null);
        Long last = lastPatrol.value();
        if (visited != null && (last == null || visited > last)) {
            endGap(visited, timestamp, ctx, out);
        } else if (visited == null && !released.isEmpty() && last == null && deadline.value() == null) {
            // The start of watching a grid never patrolled: its gap starts here.
            lastPatrol.update(timestamp);
            neverPatrolled.update(true);
            schedule(ctx, timestamp + firstWait(rules(ctx).patrolGap(), ctx.getCurrentKey()));
        }
        if (deadline.value() != null && timestamp == deadline.value()) {
            raise(timestamp, ctx, out);
        }
    }

    /** A visit at {@code visitedAt}, later than any known: ends a reported gap, and starts the next one. */
    private void endGap(long visitedAt, long learnt, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Integer gaps = gapsReported.value();
        if (gaps != null && gaps > 0) {
            Grid grid = registry.find(ctx.getCurrentKey()).orElseThrow();
            Instant last = Instant.ofEpochMilli(lastPatrol.value());
            Instant visited = Instant.ofEpochMilli(visitedAt);
            boolean inTime = visited.isBefore(last.plus(maxGap(rules(ctx).patrolGap(), grid.gridId())));
            String notice = inTime
                    ? String.format("【预警撤回·补录走访】%s：网格员已于%s到访（走访记录补录于%s），未超出走访间隔，"
                                    + "此前的走访缺位预警撤回。",
                            Alerts.place(grid), CityTime.inMessages(visited), CityTime.inMessages(Instant.ofEpochMilli(learnt)))
                    : String.format("【已走访】%s：网格员已于%s到访，走访缺位结束。",
                            Alerts.place(grid), CityTime.inMessages(visited));
            Alert raised = alert(grid, LEVELS[Math.min(gaps, LEVELS.length) - 1], last, Instant.ofEpochMilli(learnt),
                    Boolean.TRUE.equals(neverPatrolled.value()));
            out.collect(raised.recovered(Instant.ofEpochMilli(learnt), notice));
        }
        lastPatrol.update(visitedAt);
        gapsReported.clear();
        neverPatrolled.clear();
        schedule(ctx, visitedAt + firstWait(rules(ctx).patrolGap(), ctx.getCurrentKey()));
    }

    /** Reports the gap whose deadline is {@code timestamp}, and schedules the next level's deadline. */
    private void raise(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Grid grid = registry.find(ctx.getCurrentKey()).orElseThrow();
        long last = lastPatrol.value();
        int gaps = (gapsReported.value() == null ? 0 : gapsReported.value()) + 1;
        AlertLevel level = LEVELS[Math.min(gaps, LEVELS.length) - 1];
        out.collect(alert(grid, level, Instant.ofEpochMilli(last), Instant.ofEpochMilli(timestamp),
                Boolean.TRUE.equals(neverPatrolled.value())));
        gapsReported.update(gaps);
        deadline.clear();
        if (gaps < LEVELS.length) {
            schedule(ctx, timestamp + maxGap(rules(ctx).patrolGap(), grid.gridId()).toMillis());
        }
    }

    private void schedule(ReadOnlyContext ctx, long at) throws Exception {
        if (deadline.value() != null) {
            pending.deleteTimerUnlessHeld(deadline.value(), ctx.timerService());
        }
        deadline.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }

    /** From a visit to its alert: the gap allowed, and the wait for a visit synced late. */
    private long firstWait(RuleSet<PatrolGapRule> rules, String gridId) {
        Grid grid = registry.find(gridId).orElseThrow();
        PatrolGapRule rule = rules.forStreet(grid.street());
        return rule.maxGapFor(grid.type()).plus(rule.allowedLateness()).toMillis();
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
                level.label(), Alerts.place(grid), CityTime.inMessages(lastPatrol), days, grid.community());
        // The evidence is an absence: the id names the grid, the last patrol and the level, not event ids.
        List<String> evidence = List.of();
        return Alert.builder(NAME, level).grid(grid)
                .alertId(AlertId.of(NAME, grid.gridId(), lastPatrol + "/" + level.wireName(), evidence))
                .window(lastPatrol, now).evidence(0, evidence).message(message).createdAt(now).build();
    }
}
