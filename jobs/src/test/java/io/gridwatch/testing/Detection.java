package io.gridwatch.testing;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.OverdueResponseRule;
import io.gridwatch.common.rules.PatrolGapRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.ingest.Ingested;
import io.gridwatch.ingest.RouteEvents;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.topology.EarlyWarningTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the whole detection topology ({@link EarlyWarningJob#detect}) at parallelism 2 on a bounded stream of events
 * with explicit event times. The end of input moves the watermark to the end of time, which closes every window and
 * fires every deadline. Test classes register {@link #miniCluster()}.
 */
public final class Detection {

    public static final GridRegistry REGISTRY = GridRegistry.sample();
    public static final Rules DEFAULT_RULES = RulesLoader.defaults();

    /**
     * The shipped rules with no {@code allowed_lateness}: an absence is reported the moment its deadline passes, for
     * tests about deadlines rather than about waiting for late evidence.
     */
    public static final Rules PROMPT_RULES = promptly(DEFAULT_RULES);

    private static Rules promptly(Rules rules) {
        PatrolGapRule gap = rules.patrolGap().base();
        OverdueResponseRule overdue = rules.overdueResponse().base();
        return rules
                .withPatrolGap(RuleSet.of(new PatrolGapRule(
                        gap.maxGap(), gap.maxGapByGridType(), Duration.ZERO, gap.cooldown())))
                .withOverdueResponse(RuleSet.of(new OverdueResponseRule(overdue.slaBySeverity(),
                        overdue.orangeAtSeverity(), overdue.redAtSeverity(), Duration.ZERO, overdue.cooldown())));
    }

    private Detection() {}

    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    /** All alerts of {@code detector}, with the default rules and one week of allowed out-of-orderness. */
    public static List<Alert> alertsOf(String detector, GridEvent... events) throws Exception {
        return alertsOf(detector, DEFAULT_RULES, Duration.ofDays(7), events);
    }

    public static List<Alert> alertsOf(String detector, Rules rules, Duration outOfOrderness, GridEvent... events)
            throws Exception {
        return run(rules, outOfOrderness, events).stream().filter(a -> a.detector().equals(detector)).toList();
    }

    /**
     * Bounded out-of-orderness with a watermark after every event, so that which events are late does not depend on
     * when the periodic watermark timer happens to fire.
     */
    static WatermarkStrategy<GridEvent> afterEveryEvent(Duration outOfOrderness) {
        long bound = outOfOrderness.toMillis();
        return WatermarkStrategy.<GridEvent>forGenerator(context -> new WatermarkGenerator<>() {
                    private long max = Long.MIN_VALUE + bound + 1;

                    @Override
                    public void onEvent(GridEvent event, long timestamp, WatermarkOutput output) {
                        max = Math.max(max, timestamp);
                        output.emitWatermark(new Watermark(max - bound - 1));
                    }

                    @Override
                    public void onPeriodicEmit(WatermarkOutput output) {}
                })
                .withTimestampAssigner((event, previous) -> event.knownAt().toEpochMilli());
    }

    /**
     * {@code events} as the topology's input: in one task, as one source split would deliver them, stamped with their
     * event time and watermarks {@code outOfOrderness} behind, late ones stamped "now" by {@link RouteEvents}.
     */
    public static DataStream<Arrival> arrivals(StreamExecutionEnvironment env, List<GridEvent> events,
            Duration outOfOrderness) {
        return env.fromData(events, GridEventTypeInfo.INSTANCE)
                .assignTimestampsAndWatermarks(afterEveryEvent(outOfOrderness))
                .setParallelism(1)
                .map(Ingested::valid, TypeInformation.of(Ingested.class))
                .setParallelism(1)
                .transform("Route", TypeInformation.of(Arrival.class), new RouteEvents())
                .setParallelism(1);
    }

    /**
     * Every alert the topology emits at parallelism 2, in emission order per key. As in the job, late events are
     * stamped "now" by {@link RouteEvents} right behind the watermark generator, in the same task: which events are
     * late is decided there, deterministically, not by whichever channel delivers a watermark first further down.
     */
    public static List<Alert> run(Rules rules, Duration outOfOrderness, GridEvent... events) throws Exception {
        return run(rules, outOfOrderness, Arrays.asList(events));
    }

    /** As {@link #run(Rules, Duration, GridEvent...)}, every alert however many. */
    public static List<Alert> run(Rules rules, Duration outOfOrderness, List<GridEvent> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        GridEventTypeInfo.register(env);
        DataStream<Arrival> arrivals = arrivals(env, events, outOfOrderness);
        DataStream<GridEvent> stream = EarlyWarningTopology.deduplicate(arrivals, Duration.ofDays(7))
                .map(Arrival::event, GridEventTypeInfo.INSTANCE);
        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<Alert> collected = EarlyWarningTopology.detect(stream, EarlyWarningTopology.Detection.of(rules, REGISTRY)).executeAndCollect()) {
            collected.forEachRemaining(alerts::add);
        }
        return alerts;
    }
}
