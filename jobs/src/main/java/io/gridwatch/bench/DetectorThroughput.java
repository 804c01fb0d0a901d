package io.gridwatch.bench;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.topology.Detectors;
import io.gridwatch.topology.EarlyWarningTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Detector throughput from memory: a {@link SyntheticLoad} generated inside the source (no I/O, no parsing) runs
 * through {@link EarlyWarningTopology#detect} — one detector or all — on a local MiniCluster at parallelism 1, into a
 * discarding sink. Reports events per second of job run time and events per CPU-second of the whole JVM (per core).
 */
final class DetectorThroughput {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final GridRegistry registry;
    private final Rules rules;

    DetectorThroughput(GridRegistry registry, Rules rules) {
        this.registry = registry;
        this.rules = rules;
    }

    /** State on the heap, the job's default, and in RocksDB: Flink's names for the state backends. */
    static final String HEAP = "hashmap";
    static final String ROCKSDB = "rocksdb";

    /** Runs {@code events} events spread over {@code span} through {@code detectors}, state on the heap; two figures. */
    Result run(Collection<String> detectors, long events, Duration span) throws Exception {
        return run(detectors, events, span, HEAP);
    }

    /**
     * As {@link #run(Collection, long, Duration)}, with state in {@code stateBackend}: {@link #HEAP} or {@link #ROCKSDB}
     * (off the heap, on local disk: for state larger than memory).
     */
    Result run(Collection<String> detectors, long events, Duration span, String stateBackend) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        SyntheticLoad load = new SyntheticLoad(registry);
        GeneratorFunction<Long, GridEvent> generator = index -> load.event(index, events, START, span);
        DataStream<GridEvent> input = env.fromSource(
                new DataGeneratorSource<>(generator, events, RateLimiterStrategy.noOp(), GridEventTypeInfo.INSTANCE),
                EventTime.forEvents(Duration.ofMinutes(1)),
                "Synthetic load");
        EarlyWarningTopology.detect(input,
                        new EarlyWarningTopology.Detection(rules, registry, Detectors.named(detectors), null))
                .sinkTo(new DiscardingSink<Alert>())
                .name("Discard");
        long cpuBefore = CpuClock.processCpuNanos();
        JobExecutionResult result = env.execute("GridWatch benchmark: " + String.join(", ", detectors));
        double cpuSeconds = (CpuClock.processCpuNanos() - cpuBefore) / 1e9;
        double seconds = result.getNetRuntime() / 1000.0;
        return new Result(events / seconds, events / cpuSeconds);
    }

    record Result(double eventsPerSecond, double eventsPerCpuSecond) {}
}
