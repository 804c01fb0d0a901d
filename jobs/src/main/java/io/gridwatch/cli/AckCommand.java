package io.gridwatch.cli;

import io.gridwatch.lifecycle.AlertLifecycle;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledges an open alert: someone is on it.")
final class AckCommand implements Callable<Integer> {

    @Mixin
    ActorOptions actor;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (RestHighLevelClient client = elasticsearch.client()) {
            new AlertLifecycle(client).acknowledge(actor.alertId, actor.by, actor.note, Instant.now());
        }
        spec.commandLine().getOut().println(actor.alertId + " acknowledged by " + actor.by);
        return 0;
    }
}
