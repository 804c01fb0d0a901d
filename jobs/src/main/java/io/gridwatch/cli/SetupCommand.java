package io.gridwatch.cli;

import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.setup.KibanaDashboards;
import io.gridwatch.sink.kafka.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Prepares a deployment for the job: creates its Kafka topics, applies the Elasticsearch index "
                + "templates and imports the Kibana dashboards. Topic names are the job's, GRIDWATCH_KAFKA_TOPIC_* "
                + "environment variables included. Safe to run again: what exists is kept, templates and dashboards "
                + "are replaced.")
final class SetupCommand implements Callable<Integer> {

    @Mixin
    KafkaOption kafka;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Option(names = "--kibana", paramLabel = "URL", description = "Kibana to import the dashboards into (default: none).")
    URI kibana;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of each topic created (default: ${DEFAULT-VALUE}); at least the job's parallelism.")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
            description = "Replicas of each topic created (default: ${DEFAULT-VALUE}; 3 on a production cluster).")
    short replicationFactor;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep retrying each step this long while a service is still starting (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Instant deadline = Instant.now().plus(wait);
        List<String> topics = ServiceSettings.of(spec, Map.of()).topics().all();
        List<String> created = retrying(deadline, () -> {
            try (Admin admin = Admin.create(kafka.properties())) {
                return Topics.create(admin, topics, partitions, replicationFactor);
            }
        });
        out.println("Kafka " + kafka.describe() + ": " + created.size() + " of " + topics.size()
                + " topics created, the others existed (" + String.join(", ", topics) + ")");
        retrying(deadline, () -> {
            try (RestHighLevelClient client = elasticsearch.client()) {
                IndexTemplates.apply(client.getLowLevelClient());
            }
            return null;
        });
        out.println("Elasticsearch " + elasticsearch.describe() + ": index templates " + String.join(", ", IndexTemplates.NAMES));
        if (kibana != null) {
            int objects = retrying(deadline, () -> KibanaDashboards.importInto(kibana));
            out.println("Kibana " + kibana + ": " + objects + " saved objects imported");
        }
        return 0;
    }

    /** {@code step}, again every 5 s after a failure until {@code deadline}; then its failure stands. */
    private <T> T retrying(Instant deadline, Callable<T> step) throws Exception {
        while (true) {
            try {
                return step.call();
            } catch (Exception e) {
                if (Instant.now().plusSeconds(5).isAfter(deadline)) {
                    throw e;
                }
                spec.commandLine().getErr().println("gridwatch setup: " + e.getMessage() + "; retrying");
                Thread.sleep(5_000);
            }
        }
    }
}
