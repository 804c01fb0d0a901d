package io.gridwatch.replay;

import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assigns grids to coordinates for inputs that carry no grid id. */
public interface GridAssigner {

    /** The grid of {@code point}. */
    String gridFor(GeoPoint point);

    /** The grids assigned to, for the detectors and the index. */
    GridRegistry registry();

    /** The grid whose centroid is nearest, searched in buckets of about 1 km so large registries stay fast. */
    static GridAssigner nearestCentroid(GridRegistry registry) {
        double bucket = 0.01;
        Map<Long, List<Grid>> buckets = new HashMap<>();
        registry.grids().forEach(g -> buckets.computeIfAbsent(key(g.centroid(), bucket), k -> new ArrayList<>()).add(g));
        return new GridAssigner() {
            @Override
            public String gridFor(GeoPoint point) {
                Grid best = null;
                double bestDistance = Double.MAX_VALUE;
                long row = (long) Math.floor(point.lat() / bucket), col = (long) Math.floor(point.lon() / bucket);
                for (int ring = 0; ring < 1000; ring++) {
                    for (long r = row - ring; r <= row + ring; r++) {
                        for (long c = col - ring; c <= col + ring; c++) {
                            if (Math.max(Math.abs(r - row), Math.abs(c - col)) != ring) {
                                continue; // only the ring's edge: the inside was searched before
                            }
                            for (Grid grid : buckets.getOrDefault(r * 1_000_000L + c, List.of())) {
                                double d = distance(point, grid.centroid());
                                if (d < bestDistance) {
                                    bestDistance = d;
                                    best = grid;
                                }
                            }
                        }
                    }
                    // Anything outside the rings searched is at least `ring` buckets away (longitude shrunk by latitude).
                    double reach = ring * bucket * Math.cos(Math.toRadians(point.lat()));
                    if (best != null && bestDistance < reach * reach) {
                        break;
                    }
                }
                return best == null ? registry.grids().iterator().next().gridId() : best.gridId();
            }

            @Override
            public GridRegistry registry() {
                return registry;
            }
        };
    }

    /**
     * Square cells of {@code cellMeters} over the extent of {@code points}; only cells holding a point become grids,
     * named by row and column, grouped five by five into communities of the one street {@code street}.
     */
    static GridAssigner squareCells(Collection<GeoPoint> points, double cellMeters, String street, String district) {
        double minLat = points.stream().mapToDouble(GeoPoint::lat).min().orElse(0);
        double minLon = points.stream().mapToDouble(GeoPoint::lon).min().orElse(0);
        double meanLat = points.stream().mapToDouble(GeoPoint::lat).average().orElse(0);
        double dLat = cellMeters / 111_320.0;
        double dLon = cellMeters / (111_320.0 * Math.max(0.1, Math.cos(Math.toRadians(meanLat))));
        Map<String, int[]> cells = new LinkedHashMap<>();
        for (GeoPoint p : points) {
            int r = (int) Math.floor((p.lat() - minLat) / dLat), c = (int) Math.floor((p.lon() - minLon) / dLon);
            cells.putIfAbsent(cellId(r, c), new int[] {r, c});
        }
        List<Grid> grids = new ArrayList<>();
        cells.forEach((id, rc) -> {
            List<String> neighbors = new ArrayList<>();
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    String n = cellId(rc[0] + dr, rc[1] + dc);
                    if ((dr != 0 || dc != 0) && cells.containsKey(n)) {
                        neighbors.add(n);
                    }
                }
            }
            GeoPoint centre = new GeoPoint(minLat + (rc[0] + 0.5) * dLat, minLon + (rc[1] + 0.5) * dLon);
            grids.add(new Grid(id, "方格" + rc[0] + "-" + rc[1], street + "片区" + rc[0] / 5 + "-" + rc[1] / 5, street,
                    district, "", "", centre, neighbors, null));
        });
        GridRegistry registry = GridRegistry.of(grids);
        return new GridAssigner() {
            @Override
            public String gridFor(GeoPoint p) {
                return cellId((int) Math.floor((p.lat() - minLat) / dLat), (int) Math.floor((p.lon() - minLon) / dLon));
            }

            @Override
            public GridRegistry registry() {
                return registry;
            }
        };
    }

    private static String cellId(int row, int col) {
        return "SQ-%03d-%03d".formatted(row, col);
    }

    private static long key(GeoPoint p, double bucket) {
        return (long) Math.floor(p.lat() / bucket) * 1_000_000L + (long) Math.floor(p.lon() / bucket);
    }

    /** Squared distance in degrees, longitude scaled to latitude: enough to compare nearby points. */
    private static double distance(GeoPoint a, GeoPoint b) {
        double dLat = a.lat() - b.lat();
        double dLon = (a.lon() - b.lon()) * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        return dLat * dLat + dLon * dLon;
    }
}
