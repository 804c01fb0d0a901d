package io.gridwatch.testing;


import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.awaitility.Awaitility.await;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.config.JobConfig;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * One test's own topics and consumer group on the shared Kafka, with the shared Elasticsearch, and the early-warning
 * job started on them at parallelism 2 on the test's MiniCluster.
 */
public final class TestRun {

    /** The key test jobs seal dead letters with. */
    public static final String DEADLETTER_KEY = "the-test-runs-dead-letter-key-32-bytes";

    public final String id = UUID.randomUUID().toString().substring(0, 8);
    public final String complaints = "complaints-" + id;
    public final String patrols = "patrols-" + id;
    public final String alerts = "alerts-" + id;
    public final String deadLetters = "deadletter-" + id;
    public final String rules = "rules-" + id;
    public final String silences = "silences-" + id;
    public final String lifecycle = "lifecycle-" + id;

    /** This run's topics, the shared services, and {@code more}; the topics are created on first use. */
    public JobConfig config(Map<String, String> more) {
        return config(more, System::getenv);
    }

    /**
     * As {@link #config(Map)}, with the webhook URLs and secrets of {@code notify.routes} from {@code secrets}, and
     * {@link #DEADLETTER_KEY} unless they hold a dead-letter key.
     */
    public JobConfig config(Map<String, String> more, NotificationRoutes.Environment secrets) {
        NotificationRoutes.Environment withKey = variable -> {
            String value = secrets.get(variable);
            return value == null && variable.equals(RecordSeal.VARIABLE) ? DEADLETTER_KEY : value;
        };
        JobConfig config = JobConfig.fromMap(settings(more), withKey);
        SharedServices.kafka().createTopics(config.topics().all(), 2);
        return config;
    }

    /** This run's topics, the shared services, and {@code more}, as configuration keys and values. */
    public Map<String, String> settings(Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "kafka.bootstrap-servers", SharedServices.kafka().bootstrapServers(),
                "kafka.group-id", "gridwatch-" + id,
                "kafka.topic.complaints", complaints,
                "kafka.topic.patrols", patrols,
                "kafka.topic.alerts", alerts,
                "kafka.topic.deadletter", deadLetters,
                "kafka.topic.rules", rules,
                "kafka.topic.silences", silences,
                "kafka.topic.lifecycle", lifecycle,
                "elasticsearch.hosts", SharedServices.elasticsearch().url()));
        values.putAll(more);
        return values;
    }

    /** Runs the job on bounded input until it has read everything on its topics. */
    public void runUntilInputIsRead(Map<String, String> more) throws Exception {
        startBounded(more).getJobExecutionResult().get();
    }

    /** Starts the job on bounded input: it reads what its topics hold now, then finishes. */
    public JobClient startBounded(Map<String, String> more) throws Exception {
        Map<String, String> bounded = new HashMap<>(more);
        bounded.put("kafka.bounded", "true");
        return startLive(config(bounded), new Configuration());
    }

    /** Starts the job as {@code config} says, with {@code flink} settings such as a savepoint to restore. */
    public JobClient startLive(JobConfig config, Configuration flink) throws Exception {
        applyIndexTemplates();
        StreamExecutionEnvironment env = environment(flink);
        EarlyWarningJob.build(env, config);
        return env.executeAsync("live " + id);
    }

    /** Parallelism 2, and unless {@code flink} says otherwise a failure fails the test instead of restarting the job. */
    private static StreamExecutionEnvironment environment(Configuration flink) {
        Configuration conf = new Configuration(flink);
        if (!conf.containsKey("restart-strategy.type")) {
            conf.setString("restart-strategy.type", "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /** Records of the input topics (two partitions each) that the job's consumer group has not committed yet. */
    public long unread() throws Exception {
        try (Admin admin = SharedServices.kafka().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("gridwatch-" + id).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(complaints, patrols)) {
                for (int p = 0; p < 2; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            long unread = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                unread += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return unread;
        }
    }

    /**
     * Waits until the job has read all its input and two checkpoints have completed since: every alert of that
     * input is then committed to the alerts topic. Returns the topic's records.
     */
    public List<String> awaitAllInputTaken(Path checkpoints) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> unread() == 0);
        int read = Checkpoints.latestNumber(checkpoints);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> Checkpoints.latestNumber(checkpoints) >= read + 2);
        return alertRecords();
    }

    /**
     * Starts the job as {@code config} and {@code flink} say, waits until it has taken all its input
     * ({@link #awaitAllInputTaken}), cancels it and returns what it published. A job that failed instead fails the
     * test with its own failure, which says more than the timeout.
     */
    public List<String> runLiveUntilAllInputTaken(JobConfig config, Configuration flink, Path checkpoints)
            throws Exception {
        JobClient job = startLive(config, flink);
        try {
            return awaitAllInputTaken(checkpoints);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            if (job.getJobExecutionResult().isDone()) {
                job.getJobExecutionResult().get();
            }
            throw e;
        } finally {
            if (!job.getJobExecutionResult().isDone()) {
                job.cancel().get();
            }
        }
    }

    /** The values on this run's alerts topic, as committed. */
    public List<String> alertRecords() {
        return new KafkaTestClient(SharedServices.kafka().bootstrapServers()).readToEnd(alerts).stream()
                .map(ConsumerRecord::value)
                .map(value -> new String(value, StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * Three complaints about {@code subject} in {@code gridId}, now, the last of severity 4: a red repeated dispute.
     * Their ids are this run's id, {@code name} and 1 to 3.
     */
    public void sendDispute(String gridId, Subject subject, String name) {
        Instant now = Instant.now();
        new KafkaTestClient(SharedServices.kafka().bootstrapServers()).send(complaints, List.of(
                EventCodec.encode(complaint(id + "-" + name + "-1").grid(gridId).subject(subject).at(now).build()),
                EventCodec.encode(complaint(id + "-" + name + "-2").grid(gridId).subject(subject).at(now.plusMillis(1)).build()),
                EventCodec.encode(complaint(id + "-" + name + "-3").grid(gridId).subject(subject).severity(4)
                        .at(now.plusMillis(2)).build())));
    }

    /** The value of a dead letter a test job wrote, opened with {@link #DEADLETTER_KEY}. */
    public static byte[] opened(byte[] sealed) {
        return RecordSeal.of(DEADLETTER_KEY).open(sealed);
    }

    public static RestHighLevelClient elasticsearch() {
        return ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client();
    }

    private static void applyIndexTemplates() throws Exception {
        try (RestHighLevelClient client = elasticsearch()) {
            IndexTemplates.apply(client.getLowLevelClient());
        }
    }
}
