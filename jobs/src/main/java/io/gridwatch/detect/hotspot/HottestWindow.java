package io.gridwatch.detect.hotspot;

import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.time.CityTime;

/**
 * The statistic of {@code grid_hotspot}, without Flink: of a grid's windows ending now, the most severe hot one — the
 * longest of equally severe ones, as a red day says more than a red hour — judged by the chance of so many residents
 * given the grid's learnt rhythm ({@link Rhythm}, {@link HotspotChance}) against the rule's budgeted threshold.
 *
 * @param index which of the rule's windows
 * @param expected the residents the grid usually has in that window
 * @param p the chance of at least as many
 */
record HottestWindow(int index, AlertLevel level, double expected, double p) {

    /**
     * The hottest of the windows {@code tested}, with {@code residents} distinct residents each, ending at {@code now};
     * {@code null} when none is hot. A {@code margin} over 1 loosens the threshold (a hot grid stays hot until no
     * window comes within it).
     */
    static HottestWindow find(GridHotspotRule rule, Rhythm usual, int[] residents, boolean[] tested, long now,
            double margin) {
        double threshold = rule.threshold(usual.level(rule.priorPerDay())) * margin;
        HottestWindow worst = null;
        for (int i = 0; i < rule.windows().size(); i++) {
            if (!tested[i] || residents[i] < rule.minCount() || residents[i] < rule.minDistinctComplainants()) {
                continue;
            }
            Rhythm.Window usually = usual.window(now - rule.windows().get(i).toMillis(), now, CityTime.ZONE, rule);
            double p = HotspotChance.of(residents[i], usually.expected(), usually.overdispersion());
            AlertLevel level = rule.levelFor(p, threshold);
            if (level != null && (worst == null || level.compareTo(worst.level()) >= 0)) {
                worst = new HottestWindow(i, level, usually.expected(), p);
            }
        }
        return worst;
    }
}
