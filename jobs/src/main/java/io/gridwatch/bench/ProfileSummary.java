package io.gridwatch.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a profile's CPU went, from its collapsed stacks ({@code frame;frame;…;leaf samples}, one stack a line): the
 * share of samples whose stack passes through each operator, and through each kind of work (state access, timers,
 * serialization, garbage collection…). A stack counts once under every label it matches (a label's frame text, or any
 * of its {@code |}-separated alternatives), so shares overlap: they answer "how much would go if this went", not a
 * partition.
 */
final class ProfileSummary {

    /** Labels and the frame text that marks them, in the order reported. */
    static final Map<String, String> LABELS = labels(List.of(
            "CEP operators (repeated_dispute, escalating_dispute)", "cep/operator/CepOperator",
            "grid_hotspot", "detect/hotspot/GridHotspotDetector",
            "cluster_hotspot", "detect/hotspot/ClusterHotspotDetector",
            "overdue_response", "detect/OverdueResponseDetector",
            "patrol_gap", "detect/PatrolGapDetector",
            "new_category", "detect/NewCategoryDetector",
            "suppressor", "alerts/AlertSuppressor",
            "source (generating the load)", "api/operators/SourceOperator",
            "CEP: NFA", "cep/nfa/NFA",
            "CEP: shared buffer", "cep/nfa/sharedbuffer/",
            "keyed state (heap)", "CopyOnWriteStateMap|StateTable|HeapMapState|HeapValueState|HeapListState",
            "timers (queue)", "HeapPriorityQueue",
            "serialization", "typeutils/",
            "emitting to other tasks", "RecordWriter",
            "String hashing", "StringLatin1.hashCode",
            "garbage collection", "WorkerThread::run|ConcurrentGCThread::run|GangWorker::loop"));

    private ProfileSummary() {}

    /** Each label's share of all samples, 0 to 1. */
    static Map<String, Double> shares(String collapsed) {
        Map<String, Long> samples = new LinkedHashMap<>();
        LABELS.keySet().forEach(label -> samples.put(label, 0L));
        long total = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String stack = line.substring(0, space);
            total += count;
            LABELS.forEach((label, markers) -> {
                for (String marker : markers.split("\\|")) {
                    if (stack.contains(marker)) {
                        samples.merge(label, count, Long::sum);
                        return;
                    }
                }
            });
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        long all = Math.max(1, total);
        samples.forEach((label, count) -> shares.put(label, (double) count / all));
        return shares;
    }

    private static Map<String, String> labels(List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            labels.put(pairs.get(i), pairs.get(i + 1));
        }
        return labels;
    }
}
