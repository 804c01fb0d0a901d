package io.gridwatch.replay;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.sink.elasticsearch.BulkSettings;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.sink.elasticsearch.ElasticsearchSink;
import io.gridwatch.sink.elasticsearch.LoggedRejectedDocuments;
import io.gridwatch.topology.Detectors;
import io.gridwatch.topology.EarlyWarningTopology;
import io.gridwatch.topology.Indexed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the early-warning topology over a finished history: the events in event-time order from a file (bounded
 * input) through the same {@link EarlyWarningTopology} as the live job, without notices, and — when Elasticsearch is
 * given — the events, alerts and daily rollups indexed as the live job indexes them, so dashboards and {@code
 * gridwatch trends} work on the history. Every registry grid is watched from the history's start, so one that no patrol
 * ever visits is flagged too. Only alerts due by the end of the history count: when the input ends, Flink moves event
 * time to the end of time, which would otherwise make every pending deadline (a patrol gap, an unanswered complaint)
 * fire as if the future had been quiet.
 */
public final class Replay {

    static final String EVENTS_READ = "gridwatch-events-read";

    private Replay() {}

    /**
     * Replays {@code history} on a local Flink at parallelism 2.
     *
     * @param elasticsearch where to index, or {@code null} to only report
     * @param progress told the number of events read so far, a few times a second
     * @return the alerts raised, the latest version of each
     */
    public static List<Alert> run(History history, Rules rules, ElasticsearchAccess elasticsearch, LongConsumer progress)
            throws Exception {
        Path file = Files.createTempFile("gridwatch-replay-", ".jsonl");
        try {
            write(history.events(), file);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            GridEventTypeInfo.register(env);
            env.setParallelism(2);
            // One reader, decoding and stamping in file order: the file is sorted, so no event is late. Duplicates are
            // dropped by grid, so a grid's events reach the detectors in one channel, in order, as live.
            DataStream<Arrival> arrivals = env.fromSource(
                            FileSource.forRecordStreamFormat(new TextLineInputFormat(),
                                    new org.apache.flink.core.fs.Path(file.toUri())).build(),
                            WatermarkStrategy.noWatermarks(), "History " + file.getFileName())
                    .setParallelism(1)
                    .map(new Decode(), GridEventTypeInfo.INSTANCE)
                    .name("Decode events")
                    .setParallelism(1)
                    .assignTimestampsAndWatermarks(EventTime.forEvents(Duration.ZERO))
                    .name("Event time")
                    .setParallelism(1)
                    .map(event -> new Arrival(event, false), TypeInformation.of(Arrival.class))
                    .name("In time order")
                    .setParallelism(1);
            EarlyWarningTopology.Outputs out = EarlyWarningTopology.build(
                    EarlyWarningTopology.Inputs.withoutControl(arrivals, rules),
                    new EarlyWarningTopology.Settings(
                            new EarlyWarningTopology.Detection(rules, history.registry(), Detectors.ALL, history.start()),
                            GridWatchOptions.DEDUP_WINDOW.defaultValue(), history.horizon(), Optional.empty()));
            if (elasticsearch != null) {
                for (Indexed<?> output : out.indexed(history.registry())) {
                    index(output, elasticsearch);
                }
            }
            Map<String, Alert> latest = new LinkedHashMap<>();
            try (CloseableIterator<Alert> collected = out.alerts().collectAsync()) {
                JobClient job = env.executeAsync("GridWatch replay of " + history.events().size() + " events");
                Thread reporter = progressReporter(job, progress);
                collected.forEachRemaining(alert -> latest.put(alert.alertId(), alert));
                JobExecutionResult result = job.getJobExecutionResult().get();
                reporter.interrupt();
                progress.accept(result.<Long>getAccumulatorResult(EVENTS_READ));
            }
            return new ArrayList<>(latest.values());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Events a running replay has read so far, as its accumulator last reported them ({@code 0} before the first). */
    static long eventsRead(JobClient job) throws Exception {
        return job.getAccumulators().get().get(EVENTS_READ) instanceof Long count ? count : 0;
    }

    private static void write(List<GridEvent> events, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (GridEvent event : events) {
                out.write(new String(EventCodec.encode(event), StandardCharsets.UTF_8));
                out.newLine();
            }
        }
    }

    private static <T> void index(Indexed<T> output, ElasticsearchAccess access) {
        BulkSettings bulk = new BulkSettings(1000, 2, Duration.ofSeconds(1), Duration.ofMinutes(10));
        output.stream().sinkTo(new ElasticsearchSink<>(access, output.documents(), bulk, new LoggedRejectedDocuments()))
                .uid(output.uid())
                .name("Elasticsearch: " + output.index());
    }

    private static Thread progressReporter(JobClient job, LongConsumer progress) {
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    progress.accept(eventsRead(job));
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception finished) {
                // the job ended between two polls: the final count is reported by the caller
            }
        }, "replay-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Decodes a line of the normalized history, counting lines for the progress bar. */
    private static final class Decode extends RichMapFunction<String, GridEvent> {

        private static final long serialVersionUID = 1L;
        private final LongCounter read = new LongCounter();

        @Override
        public void open(OpenContext openContext) {
            getRuntimeContext().addAccumulator(EVENTS_READ, read);
        }

        @Override
        public GridEvent map(String line) throws Exception {
            read.add(1L);
            return EventCodec.decode(line.getBytes(StandardCharsets.UTF_8));
        }
    }
}
