package io.gridwatch.query;

import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.stats.EmergingHotspots;
import io.gridwatch.common.stats.GetisOrd;
import io.gridwatch.common.stats.MannKendall;
import io.gridwatch.query.TrendQuery.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Emerging hot spot analysis of a street's grids: per time step, the Gi* z-score of every grid with its neighbours
 * in the street ({@link GetisOrd}); per grid, the pattern of its z-scores over time ({@link EmergingHotspots}) and
 * their Mann-Kendall trend.
 */
public final class HotspotHistory {

    /** One grid's result: its pattern, how many steps it was hot, its trend and its latest Gi* z-score. */
    public record GridPattern(Grid grid, EmergingHotspots.Pattern pattern, int hotSteps, int steps, double trendZ,
            double latestZ) {}

    private HotspotHistory() {}

    /**
     * @param grids the street's grids (at least two)
     * @param periods complaint counts per period, split by grid id
     */
    public static List<GridPattern> analyse(List<Grid> grids, List<Period> periods) {
        int n = grids.size();
        int[][] neighbourhoods = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> members = new ArrayList<>(List.of(i));
            for (String neighbour : grids.get(i).neighbors()) {
                for (int j = 0; j < n; j++) {
                    if (grids.get(j).gridId().equals(neighbour)) {
                        members.add(j);
                    }
                }
            }
            neighbourhoods[i] = members.stream().mapToInt(Integer::intValue).toArray();
        }
        double[][] zByGrid = new double[n][periods.size()];
        for (int t = 0; t < periods.size(); t++) {
            double[] counts = new double[n];
            for (int i = 0; i < n; i++) {
                counts[i] = periods.get(t).counts().getOrDefault(grids.get(i).gridId(), 0L);
            }
            double[] z = GetisOrd.giStar(counts, neighbourhoods);
            for (int i = 0; i < n; i++) {
                zByGrid[i][t] = z[i];
            }
        }
        List<GridPattern> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] z = zByGrid[i];
            int hot = 0;
            for (double value : z) {
                hot += value > EmergingHotspots.SIGNIFICANT ? 1 : 0;
            }
            result.add(new GridPattern(grids.get(i), EmergingHotspots.classify(z), hot, z.length, MannKendall.z(z),
                    z.length == 0 ? 0 : z[z.length - 1]));
        }
        return result;
    }
}
