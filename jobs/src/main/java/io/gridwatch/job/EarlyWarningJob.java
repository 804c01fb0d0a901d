package io.gridwatch.job;

import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.config.InvalidConfigException;
import io.gridwatch.config.JobConfig;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.ControlRecordDeserializer;
import io.gridwatch.ingest.DeadLetter;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.ingest.RulesDeserializer;
import io.gridwatch.notify.EscalationDocuments;
import io.gridwatch.notify.FailedNoticeRecords;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.notify.channel.RetryingDelivery;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.elasticsearch.LifecycleDocuments;
import io.gridwatch.sink.kafka.DeadLetterRecords;
import io.gridwatch.topology.Detectors;
import io.gridwatch.topology.EarlyWarningTopology;
import io.gridwatch.topology.NotifyStaff;
import io.gridwatch.topology.OperatorIds;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * The early-warning job (预警作业): complaints and patrols from Kafka through the {@link EarlyWarningTopology} into
 * Elasticsearch ({@code gridwatch-alerts}, events, daily rollups, complaint cases, alert history) and Kafka
 * ({@code gridwatch.alerts}); invalid records and rules go to the dead-letter topic; rules published on the rules
 * topic reach the detectors that can take them while running; silences and staff's lifecycle changes come from their
 * topics.
 */
public final class EarlyWarningJob {

    public static final String JOB_NAME = "GridWatch early warning";

    private EarlyWarningJob() {}

    /**
     * The entry class of the job jar: configuration from the Flink configuration's {@code gridwatch.*} keys,
     * {@code GRIDWATCH_*} environment variables and {@code --key value} arguments ({@link JobConfig#fromSources}).
     */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfig config = JobConfig.fromSources(env.getConfiguration().toMap(), System::getenv, args);
        if (config.warmStart().history().isPresent()) {
            throw new InvalidConfigException("warm-start.history: a warm start runs from io.gridwatch.replay.WarmStart "
                    + "(gridwatch run does so when the key is given)");
        }
        prepare(config);
        build(env, config);
        env.execute(JOB_NAME);
    }

    /** What the job needs before it starts: the index templates its documents are written under. */
    public static void prepare(JobConfig config) throws IOException {
        try (RestHighLevelClient client = config.elasticsearch().access().client()) {
            IndexTemplates.apply(client.getLowLevelClient());
        }
    }

    /** Attaches the Kafka sources and the Elasticsearch and Kafka sinks of {@code config} to the topology. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        DeadLetterRecords.Secret deadLetterKey = deadLetterKey(config.secrets());
        Checkpoints.configure(env, config);
        AlertLatency.configure(env);
        GridEventTypeInfo.register(env);

        SingleOutputStreamOperator<Arrival> arrivals = LiveSources.events(env, config);
        SingleOutputStreamOperator<Rules> rules = LiveSources.control(env, config, config.topics().rules(),
                new RulesDeserializer(config.rules(), Detectors.fixedAtStart()), Rules.class, "rules",
                OperatorIds.RULES_SOURCE, OperatorIds.ROUTE_RULES);
        SingleOutputStreamOperator<Silence> silences = LiveSources.control(env, config, config.topics().silences(),
                ControlRecordDeserializer.silences(), Silence.class, "silences",
                OperatorIds.SILENCES_SOURCE, OperatorIds.ROUTE_SILENCES);
        SingleOutputStreamOperator<LifecycleEvent> lifecycle = LiveSources.control(env, config, config.topics().lifecycle(),
                ControlRecordDeserializer.lifecycleEvents(), LifecycleEvent.class, "lifecycle",
                OperatorIds.LIFECYCLE_SOURCE, OperatorIds.ROUTE_LIFECYCLE);

        Instant started = Instant.now();
        // Bounded input ends at the end of time: only what falls due by the time the job started counts, as a live
        // job's wall-clock watermark would have it. Every registry grid is watched from the start.
        EarlyWarningTopology.Outputs out = EarlyWarningTopology.build(
                new EarlyWarningTopology.Inputs(arrivals, rules, silences, lifecycle),
                new EarlyWarningTopology.Settings(
                        new EarlyWarningTopology.Detection(config.rules(), config.registry(), Detectors.ALL, started),
                        config.events().dedupWindow(), config.kafka().bounded() ? started : Instant.MAX,
                        Optional.of(new NotifyStaff.Settings(config.notifications().routes(), new RetryingDelivery(
                                config.notifications().maxAttempts(), Duration.ofSeconds(1), Duration.ofMinutes(1))))));
        NotifyStaff.Outputs notified = out.notified().orElseThrow();

        LiveSinks sinks = new LiveSinks(config);
        sinks.publish(arrivals.getSideOutput(DeadLetter.REJECTED)
                        .union(out.duplicates(),
                                rules.getSideOutput(DeadLetter.REJECTED),
                                silences.getSideOutput(DeadLetter.REJECTED),
                                lifecycle.getSideOutput(DeadLetter.REJECTED)),
                new DeadLetterRecords(config.topics().deadLetter(), deadLetterKey), OperatorIds.DEADLETTER_SINK,
                config.topics().deadLetter());
        out.indexed(config.registry()).forEach(sinks::index);
        sinks.publishAlerts(out.alerts(), OperatorIds.ALERTS_KAFKA_SINK);
        sinks.index(notified.escalations(), new EscalationDocuments(), OperatorIds.ESCALATIONS_ELASTICSEARCH_SINK,
                Indices.HISTORY);
        // The lifecycle topic is the source of truth of staff's changes: their documents follow from it.
        sinks.index(lifecycle, LifecycleDocuments.alerts(), OperatorIds.LIFECYCLE_ALERTS_ELASTICSEARCH_SINK,
                Indices.ALERTS + " (lifecycle)");
        sinks.index(lifecycle, LifecycleDocuments.history(), OperatorIds.LIFECYCLE_HISTORY_ELASTICSEARCH_SINK,
                Indices.HISTORY);
        sinks.publish(notified.failed(), new FailedNoticeRecords(config.topics().deadLetter()),
                OperatorIds.FAILED_NOTICES_SINK, config.topics().deadLetter() + " (notices)");
    }

    /**
     * The key that seals dead letters, checked now — a missing or short one stops start-up, naming the variable — and
     * read again from the TaskManagers' environment where they are written.
     */
    private static DeadLetterRecords.Secret deadLetterKey(NotificationRoutes.Environment secrets) {
        try {
            RecordSeal.of(secrets.get(RecordSeal.VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
        return () -> secrets.get(RecordSeal.VARIABLE);
    }
}
