package io.gridwatch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of latencies in milliseconds; {@code NaN} when there were none. */
record Latencies(int count, double p50Millis, double p99Millis) {

    static Latencies of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Latencies(0, Double.NaN, Double.NaN);
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Latencies(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
