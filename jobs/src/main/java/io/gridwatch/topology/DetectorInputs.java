package io.gridwatch.topology;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.detect.WatchStarts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The streams a detector's {@link DetectorSpec.Wiring} builds on, each made once and only when a detector asks for it,
 * so the job graph holds no operator that nothing reads. When the topology is given a watch start, the detectors that
 * learn before they speak, and patrol_gap, also see a marker per registry grid dated then ({@link WatchStarts}).
 */
public final class DetectorInputs {

    private final DataStream<GridEvent> events;
    private final BroadcastStream<Rules> ruleUpdates;
    private final Rules rules;
    private final GridRegistry registry;
    private final Instant watchFrom;
    private final Map<String, DataStream<?>> made = new HashMap<>();

    DetectorInputs(DataStream<GridEvent> events, BroadcastStream<Rules> ruleUpdates, Rules rules, GridRegistry registry,
            Instant watchFrom) {
        this.events = events;
        this.ruleUpdates = ruleUpdates;
        this.rules = rules;
        this.registry = registry;
        this.watchFrom = watchFrom;
    }

    /** Rules published while the job runs, broadcast. */
    public BroadcastStream<Rules> ruleUpdates() {
        return ruleUpdates;
    }

    /** The rules the job starts with (the CEP detectors keep them). */
    public Rules rules() {
        return rules;
    }

    public GridRegistry registry() {
        return registry;
    }

    public DataStream<Complaint> complaints() {
        return once("complaints", () -> events.flatMap(DetectorInputs::complaintsOnly, Types.POJO(Complaint.class))
                .name("Complaints"));
    }

    /** Complaints and the follow-ups and resolutions that answer them. */
    public DataStream<GridEvent> complaintsAndAnswers() {
        return once("answers", () -> events.filter(OverdueResponseDetector::isInput).name("Complaints and answers"));
    }

    /** Patrols, and when watching starts for every registry grid. */
    public DataStream<Patrol> watchedPatrols() {
        return once("patrols", () -> {
            DataStream<Patrol> patrols = events.flatMap(DetectorInputs::patrolsOnly, Types.POJO(Patrol.class))
                    .name("Patrols");
            if (watchFrom == null) {
                return patrols;
            }
            List<Patrol> starts = registry.grids().stream().map(g -> WatchStarts.patrols(g.gridId(), watchFrom)).toList();
            return patrols.union(markers(starts, Patrol.class, OperatorIds.WATCH_STARTS,
                    "Registry grids watched from " + watchFrom));
        });
    }

    /**
     * Complaints, and when watching starts for every registry grid and category {@code new_category} watches: for
     * {@code new_category}, and for {@code grid_hotspot}, which takes each grid's first.
     */
    public DataStream<Complaint> watchedComplaints() {
        return once("watched complaints", () -> {
            if (watchFrom == null) {
                return complaints();
            }
            Set<Category> watched = new TreeSet<>();
            rules.newCategory().variants().keySet().forEach(rule -> watched.addAll(rule.categories()));
            List<Complaint> starts = new ArrayList<>();
            registry.grids().forEach(grid -> watched.forEach(
                    category -> starts.add(WatchStarts.complaints(grid.gridId(), category, watchFrom))));
            return complaints().union(markers(starts, Complaint.class, OperatorIds.CATEGORY_WATCH_STARTS,
                    "Registry grids' categories watched from " + watchFrom));
        });
    }

    /** The alerts of another detector (a cluster is made of grid hotspots), its operators built once. */
    public DataStream<Alert> alertsOf(String detector) {
        return once("alerts of " + detector, () -> union(Detectors.named(detector).wiring().wire(this)));
    }

    static DataStream<Alert> union(List<DataStream<Alert>> streams) {
        DataStream<Alert> all = streams.get(0);
        for (DataStream<Alert> more : streams.subList(1, streams.size())) {
            all = all.union(more);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private <T> DataStream<T> once(String what, java.util.function.Supplier<DataStream<T>> make) {
        DataStream<?> stream = made.get(what);
        if (stream == null) {
            stream = make.get();
            made.put(what, stream);
        }
        return (DataStream<T>) stream;
    }

    /** Markers from a bounded source of their own, in event time as they are dated. */
    private <T extends GridEvent> DataStream<T> markers(List<T> markers, Class<T> type, String uid, String name) {
        StreamExecutionEnvironment env = events.getExecutionEnvironment();
        return env.fromData(markers, Types.POJO(type))
                .uid(uid)
                .name(name)
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<T>forMonotonousTimestamps()
                        .withTimestampAssigner((marker, previous) -> marker.knownAt().toEpochMilli()))
                // A uid of its own too: a savepoint taken after the source finished restores only if every operator
                // of the chain is found finished (a warm start's savepoint comes from another job graph).
                .uid(uid + "-event-time")
                .name(name + " (event time)")
                .setParallelism(1);
    }

    private static void complaintsOnly(GridEvent event, Collector<Complaint> out) {
        if (event instanceof Complaint complaint) {
            out.collect(complaint);
        }
    }

    private static void patrolsOnly(GridEvent event, Collector<Patrol> out) {
        if (event instanceof Patrol patrol) {
            out.collect(patrol);
        }
    }
}
