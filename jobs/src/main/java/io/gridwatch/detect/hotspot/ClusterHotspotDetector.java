package io.gridwatch.detect.hotspot;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.ClusterHotspotRule;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.EventTimeBuffer;
import io.gridwatch.detect.RulesAwareFunction;
import io.gridwatch.detect.WatchStarts;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * {@code cluster_hotspot} (片区联动): neighbouring grids of one street hot at the same time.
 *
 * <p>Input: the {@code grid_hotspot} detector's alerts and recovery notices, keyed by street. A grid counts as hot
 * from its hotspot alert for {@code window} after its latest one, or until it recovers ({@link HotGrid}: intervals of
 * event time). Alerts are buffered until the watermark passes them and taken in event-time order, since those of
 * different grids arrive from different tasks in any order. At each hotspot alert the grids hot at its time that are
 * connected through the registry's {@code neighbors} form clusters; a cluster of at least {@code min_grids} raises
 * one alert for the street, naming its grids, as severe as its most severe grid and at least orange when large. The
 * alert's grid is the cluster's first grid by id and its key is the street, so a cluster that grows updates the
 * open alert through suppression. Time: event time. State: alerts waiting for the watermark, and the street's hot
 * grids, each removed by an event-time timer when its window ends, so a street that cools down leaves nothing behind. Rules: reloadable while running
 * ({@link RulesAwareFunction}).
 */
public final class ClusterHotspotDetector extends RulesAwareFunction<String, Alert, Alert> {

    private static final long serialVersionUID = 1L;

    /** {@code cluster_hotspot}: the street's grids that are hot now, by grid id. */
    private static final MapStateDescriptor<String, HotGrid> HOT_GRIDS =
            new MapStateDescriptor<>("hot-grids", Types.STRING, TypeInformation.of(HotGrid.class));

    /** {@code cluster_hotspot}: hotspot alerts and recoveries waiting for the watermark, by their event time. */
    private static final MapStateDescriptor<Long, List<Alert>> PENDING_HOTSPOTS = new MapStateDescriptor<>(
            "pending-hotspots", Types.LONG, Types.LIST(TypeInformation.of(Alert.class)));

    public static final String NAME = "cluster_hotspot";

    private final GridRegistry registry;
    private transient MapState<String, HotGrid> hot;
    private transient EventTimeBuffer<Alert> pending;

    public ClusterHotspotDetector(Rules rules, GridRegistry registry) {
        super(rules);
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) {
        hot = getRuntimeContext().getMapState(HOT_GRIDS);
        // Within one instant, recoveries first: a grid that recovers as another heats up is not hot with it.
        pending = new EventTimeBuffer<>(getRuntimeContext().getMapState(PENDING_HOTSPOTS),
                Comparator.comparing((Alert a) -> a.recoveredAt() == null).thenComparing(Alert::gridId));
    }

    @Override
    public void processElement(Alert hotspot, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        // Hotspot alerts of different grids come from different parallel tasks, in no particular order: they are
        // taken in event-time order once the watermark has passed them, as CEP does with events.
        long at = (hotspot.recoveredAt() != null ? hotspot.recoveredAt() : hotspot.createdAt()).toEpochMilli();
        pending.hold(at, hotspot, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        ClusterHotspotRule rule = rules(ctx).clusterHotspot().forStreet(ctx.getCurrentKey());
        for (Alert hotspot : pending.release(timestamp)) {
            apply(hotspot, rule, ctx, out);
        }
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, HotGrid> entry : hot.entries()) {
            if (entry.getValue().until() <= timestamp) {
                expired.add(entry.getKey());
            }
        }
        for (String gridId : expired) {
            hot.remove(gridId);
        }
    }

    private void apply(Alert hotspot, ClusterHotspotRule rule, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        HotGrid previous = hot.get(hotspot.gridId());
        if (hotspot.recoveredAt() != null) {
            long recovered = hotspot.recoveredAt().toEpochMilli();
            if (previous != null && recovered < previous.until()) {
                hot.put(hotspot.gridId(), new HotGrid(previous.level(), previous.from(), recovered, previous.eventIds()));
            }
            return;
        }
        long at = hotspot.createdAt().toEpochMilli();
        long until = at + rule.window().toMillis();
        HotGrid grid = previous != null && previous.isHotAt(at)
                ? new HotGrid(
                        hotspot.level().compareTo(previous.level()) > 0 ? hotspot.level() : previous.level(),
                        previous.from(), Math.max(until, previous.until()), hotspot.eventIds())
                : new HotGrid(hotspot.level(), at, until, hotspot.eventIds());
        hot.put(hotspot.gridId(), grid);
        ctx.timerService().registerEventTimeTimer(grid.until());
        for (List<String> cluster : clustersAt(at)) {
            if (cluster.size() >= rule.minGrids() && cluster.contains(hotspot.gridId())) {
                Alert alert = alert(cluster, rule, hotspot.createdAt());
                // A grid hotspot raised while learning makes a cluster that is learning too: on a fresh start every
                // grid learns at once, and busy neighbours would otherwise flood the street with clusters.
                out.collect(WatchStarts.isLearning(hotspot)
                        ? alert.silencedBy(hotspot.silence()) : alert);
            }
        }
    }

    /** The grids hot at {@code time}, grouped into sets connected through neighbours; each sorted by grid id. */
    private List<List<String>> clustersAt(long time) throws Exception {
        TreeSet<String> unvisited = new TreeSet<>();
        for (Map.Entry<String, HotGrid> entry : hot.entries()) {
            if (entry.getValue().isHotAt(time)) {
                unvisited.add(entry.getKey());
            }
        }
        List<List<String>> clusters = new ArrayList<>();
        while (!unvisited.isEmpty()) {
            TreeSet<String> cluster = new TreeSet<>();
            Deque<String> frontier = new ArrayDeque<>(List.of(unvisited.pollFirst()));
            while (!frontier.isEmpty()) {
                String gridId = frontier.poll();
                cluster.add(gridId);
                for (String neighbor : registry.find(gridId).orElseThrow().neighbors()) {
                    if (unvisited.remove(neighbor)) {
                        frontier.add(neighbor);
                    }
                }
            }
            clusters.add(List.copyOf(cluster));
        }
        return clusters;
    }

    private Alert alert(List<String> cluster, ClusterHotspotRule rule, Instant at) throws Exception {
        Map<String, HotGrid> members = new HashMap<>();
        for (String gridId : cluster) {
            members.put(gridId, hot.get(gridId));
        }
        AlertLevel worst = members.values().stream().map(HotGrid::level).max(Enum::compareTo).orElseThrow();
        AlertLevel level = rule.levelFor(cluster.size(), worst);
        List<Grid> grids = cluster.stream().map(id -> registry.find(id).orElseThrow()).toList();
        Grid first = grids.get(0);
        boolean oneCommunity = grids.stream().map(Grid::community).distinct().count() == 1;
        List<String> eventIds = cluster.stream()
                .flatMap(id -> members.get(id).eventIds().stream())
                .distinct()
                .toList();
        String names = grids.stream().map(Grid::name).collect(Collectors.joining("、"));
        String message = String.format(
                "【%s预警·片区联动】%s%s：%s等%d个相邻网格同时出现诉求热点，请%s统筹调度、片区联动处置。",
                level.label(), first.street(), oneCommunity ? "/" + first.community() : "", names, cluster.size(),
                oneCommunity ? first.community() + "和街道治理指挥中心" : "街道治理指挥中心");
        // Keyed by the street (one cluster alert open per street); identified by the grids it spans.
        return Alert.builder(NAME, level).grid(first).community(oneCommunity ? first.community() : "")
                .alertId(AlertId.of(NAME, first.gridId(), String.join(",", cluster), eventIds)).key(first.street())
                .window(at, at).evidence(eventIds.size(), eventIds).message(message).createdAt(at).build();
    }
}
