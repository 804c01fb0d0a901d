package io.gridwatch.replay;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.privacy.Masking;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.config.InvalidConfigException;
import io.gridwatch.config.JobConfig;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.job.Checkpoints;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.job.HeldOpenSavepoints;
import io.gridwatch.job.HoldAfter;
import io.gridwatch.topology.Detectors;
import io.gridwatch.topology.EarlyWarningTopology;
import io.gridwatch.topology.OperatorIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm start (热启动): a savepoint that holds what a history teaches the detectors, for the live job to start from, so
 * that on its first day baselines, the last complaint of each category, open complaints with their deadlines, the last
 * patrol of every grid, the partial matches of repeated and escalating disputes and the cool-downs are the history's.
 *
 * <p>How: the job's own detection topology — {@link EarlyWarningJob#deduplicate} and {@link EarlyWarningJob#detect},
 * with the live job's operator ids — runs over the history in event-time order, read by a source that then stays open
 * ({@link HoldAfter}: the job keeps running with all its state, as a live job between events does), and a savepoint
 * is taken once every event has been read; its barrier follows the last event, so every operator has taken them all.
 * Replaying into a savepoint rather than writing state with the State Processor API keeps one definition of each
 * detector's state: the detectors' own code builds it. The history's alerts are dropped — they are history
 * ({@code gridwatch replay} indexes them) — and no notice is sent. The grids of the registry are watched from the
 * history's first event, so the learning periods end a look-back or a half-life after it, and a grid never patrolled
 * in the history carries its gap into the live job.
 *
 * <p>The live job starts from the savepoint with non-restored state allowed (the history's sources are not the live
 * Kafka source, which starts at its consumer group's offsets: the history must not also be on the topics). The replay
 * runs where the program runs — a local Flink for {@code gridwatch run}, the cluster under {@code flink run}, the
 * history travelling in the job graph — and the savepoint goes under {@code checkpoint.storage}.
 *
 * <p>{@link #main} is the entry for a first start from a history: the job's configuration plus
 * {@code warm-start.history} (a JSONL history, or a CSV export with {@code warm-start.mapping}, read as
 * {@code gridwatch replay} reads them), e.g. {@code gridwatch run --warm-start.history 12345-2026.csv
 * --warm-start.mapping open311}. It refuses a job that is being restored: a warm start is for the first start only.
 */
public final class WarmStart {

    private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);

    private WarmStart() {}

    /** Replays {@code warm-start.history} into a savepoint, then runs the live job from it. */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment probe = StreamExecutionEnvironment.getExecutionEnvironment();
        Map<String, String> flink = probe.getConfiguration().toMap();
        JobConfig config = JobConfig.fromSources(flink, System::getenv, args);
        Path file = config.warmStart().history()
                .orElseThrow(() -> new InvalidConfigException("warm-start.history: required for a warm start"));
        if (flink.containsKey(StateRecoveryOptions.SAVEPOINT_PATH.key())) {
            throw new InvalidConfigException("warm-start.history: the job is restored from "
                    + flink.get(StateRecoveryOptions.SAVEPOINT_PATH.key()) + "; a warm start is for a first start only");
        }
        History history = config.warmStart().mapping().isPresent()
                ? CsvHistoryReader.read(file, CsvMapping.load(config.warmStart().mapping().get()), config.registry(), 500)
                : JsonlHistoryReader.read(file, config.registry());
        if (!history.errors().isEmpty()) {
            LOG.warn("{} records of {} could not be read and are left out, the first: {}", history.errors().size(),
                    file, Masking.text(history.errors().get(0).toString())); // a row may hold a resident's number
        }
        String directory = config.checkpoints().storage().orElse(Checkpoints.LOCAL.toUri().toString());
        String savepoint = savepoint(config, history.events(), directory);
        LOG.info("Warm start: {} events from {} to {} replayed into {}", history.events().size(), history.start(),
                history.horizon(), savepoint);
        Configuration restore = Configuration.fromMap(flink);
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restore);
        EarlyWarningJob.prepare(config);
        EarlyWarningJob.build(env, config);
        env.execute(EarlyWarningJob.JOB_NAME);
    }

    /**
     * Replays {@code history} into a savepoint under {@code directory} (a URI) and returns its path.
     *
     * @param history valid events, in any order
     */
    public static String savepoint(JobConfig config, List<GridEvent> history, String directory) throws Exception {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("the history to warm start from holds no event");
        }
        List<GridEvent> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(GridEvent::knownAt).thenComparing(GridEvent::eventId));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        GridEventTypeInfo.register(env);
        DataStream<Arrival> arrivals = env.fromSource(new DataGeneratorSource<>(
                                index -> ordered.get(index.intValue()), Long.MAX_VALUE, new HoldAfter<>(ordered.size()),
                                GridEventTypeInfo.INSTANCE),
                        EventTime.forEvents(config.events().maxOutOfOrderness()), "History")
                .uid(OperatorIds.WARM_START_HISTORY)
                .setParallelism(1)
                .map(new CountRead(), GridEventTypeInfo.INSTANCE)
                .name("Count events read")
                .setParallelism(1)
                .map(event -> new Arrival(event, false), TypeInformation.of(Arrival.class))
                .name("In time order")
                .setParallelism(1);
        Rules rules = config.rules();
        DataStream<Rules> ruleUpdates = env.fromSource(new DataGeneratorSource<>(index -> rules, Long.MAX_VALUE,
                        new HoldAfter<>(1), TypeInformation.of(Rules.class)), EventTime.timeless(), "Rules")
                .uid(OperatorIds.WARM_START_RULES);
        // The live job's topology and uids, without notices; its state, residents pseudonymised, is the savepoint's.
        EarlyWarningTopology.build(EarlyWarningTopology.Inputs.withoutControl(arrivals, ruleUpdates),
                        new EarlyWarningTopology.Settings(new EarlyWarningTopology.Detection(rules, config.registry(),
                                Detectors.ALL, ordered.get(0).knownAt()), config.events().dedupWindow(), Instant.MAX,
                                Optional.empty()))
                .alerts()
                .sinkTo(new DiscardingSink<Alert>())
                .name("History's alerts, dropped");
        JobClient job = env.executeAsync("GridWatch warm start from " + ordered.size() + " events");
        try {
            while (Replay.eventsRead(job) < ordered.size()) {
                if (job.getJobExecutionResult().isDone()) {
                    job.getJobExecutionResult().get(); // rethrows the failure
                }
                Thread.sleep(200);
            }
            return HeldOpenSavepoints.take(job, directory);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** Counts the events read, in an accumulator the warm start polls (it works on a cluster as locally). */
    private static final class CountRead extends RichMapFunction<GridEvent, GridEvent> {

        private static final long serialVersionUID = 1L;
        private final LongCounter read = new LongCounter();

        @Override
        public void open(OpenContext openContext) {
            getRuntimeContext().addAccumulator(Replay.EVENTS_READ, read);
        }

        @Override
        public GridEvent map(GridEvent event) {
            read.add(1);
            return event;
        }
    }
}
