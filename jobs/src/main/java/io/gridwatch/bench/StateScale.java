package io.gridwatch.bench;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.job.HeldOpenSavepoints;
import io.gridwatch.job.HoldAfter;
import io.gridwatch.topology.EarlyWarningTopology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * State at scale: a city of many grids after days of history, {@value #EVENTS_PER_GRID_DAY} events per grid and day,
 * through deduplication and every detector at parallelism 1. Once all events are in, the job is held open (as a live
 * job between events) and a savepoint taken; its size is the state, and the heap in use after a full collection,
 * less that before the job started, is what the running job holds. Both per grid.
 */
final class StateScale {

    static final int EVENTS_PER_GRID_DAY = 2;

    /** Events the generator has made; read by the thread that waits for them (the MiniCluster runs in this JVM). */
    private static final AtomicLong GENERATED = new AtomicLong();

    private final Rules rules;

    StateScale(Rules rules) {
        this.rules = rules;
    }

    record Result(long events, double stateBytesPerGrid, double heapBytesPerGrid, double eventsPerSecond) {}

    Result run(GridRegistry registry, int days, Path workDir) throws Exception {
        long events = (long) registry.size() * days * EVENTS_PER_GRID_DAY;
        Duration span = Duration.ofDays(days);
        SyntheticLoad load = new SyntheticLoad(registry);
        long heapBefore = usedHeapAfterCollection();
        GENERATED.set(0);
        Configuration storage = new Configuration();
        // State of this size does not fit the JobManager's memory: savepoints go to files.
        storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, workDir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, storage);
        GridEventTypeInfo.register(env);
        GeneratorFunction<Long, GridEvent> generator = index -> {
            GENERATED.incrementAndGet();
            return load.event(index, events, DetectorThroughput.START, span);
        };
        DataStream<Arrival> arrivals = env.fromSource(
                        new DataGeneratorSource<>(generator, Long.MAX_VALUE, new HoldAfter<>(events),
                                GridEventTypeInfo.INSTANCE),
                        EventTime.forEvents(Duration.ofMinutes(1)), "Synthetic history")
                .map(event -> new Arrival(event, false), TypeInformation.of(Arrival.class))
                .name("On time");
        DataStream<GridEvent> deduplicated = EarlyWarningTopology.deduplicate(arrivals, Duration.ofDays(7))
                .map(Arrival::event, GridEventTypeInfo.INSTANCE)
                .name("Events");
        // Rules from a source that stays open too: a savepoint needs every task running.
        Rules startingRules = rules;
        DataStream<Rules> ruleUpdates = env.fromSource(new DataGeneratorSource<>(index -> startingRules, Long.MAX_VALUE,
                        new HoldAfter<>(1), TypeInformation.of(Rules.class)),
                EventTime.timeless(), "Starting rules");
        EarlyWarningTopology.detect(deduplicated, ruleUpdates, EarlyWarningTopology.Detection.of(rules, registry))
                .sinkTo(new DiscardingSink<Alert>()).name("Discard");
        JobClient job = env.executeAsync("GridWatch benchmark: state of " + registry.size() + " grids");
        try {
            long start = System.nanoTime();
            while (GENERATED.get() < events) {
                Thread.sleep(100);
            }
            // The savepoint's barrier follows the last event: it completes once every operator has taken them all.
            Path savepoint = Path.of(HeldOpenSavepoints.take(job, workDir.toUri().toString()).replace("file:", ""));
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = usedHeapAfterCollection() - heapBefore;
            return new Result(events, (double) sizeOf(savepoint) / registry.size(), (double) heap / registry.size(),
                    events / seconds);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static long usedHeapAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
