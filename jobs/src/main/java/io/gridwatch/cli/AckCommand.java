package io.gridwatch.cli;

import io.gridwatch.lifecycle.AlertLifecycle;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledges an open alert: someone is on it.")
final class AckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ALERT_ID")
    String alertId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who takes the alert.")
    String by;

    @Option(names = "--note", paramLabel = "TEXT")
    String note;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (RestHighLevelClient client = elasticsearch.client()) {
            new AlertLifecycle(client).acknowledge(alertId, by, note, Instant.now());
        }
        spec.commandLine().getOut().println(alertId + " acknowledged by " + by);
        return 0;
    }
}
