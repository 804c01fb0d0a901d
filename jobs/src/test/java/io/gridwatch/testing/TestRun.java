package io.gridwatch.testing;

import io.gridwatch.config.JobConfig;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.sink.elasticsearch.ElasticsearchClients;
import io.gridwatch.sink.elasticsearch.IndexTemplates;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * One test's own topics and consumer group on the shared Kafka, with the shared Elasticsearch, and the early-warning
 * job started on them at parallelism 2 on the test's MiniCluster.
 */
public final class TestRun {

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

    /** As {@link #config(Map)}, with the webhook URLs and secrets of {@code notify.routes} from {@code secrets}. */
    public JobConfig config(Map<String, String> more, NotificationRoutes.Environment secrets) {
        JobConfig config = JobConfig.fromMap(settings(more), secrets);
        SharedServices.kafka().createTopics(config.topics(), 2);
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

    public static RestHighLevelClient elasticsearch() {
        return ElasticsearchClients.create(List.of(URI.create(SharedServices.elasticsearch().url())));
    }

    private static void applyIndexTemplates() throws Exception {
        try (RestHighLevelClient client = elasticsearch()) {
            IndexTemplates.apply(client.getLowLevelClient());
        }
    }
}
