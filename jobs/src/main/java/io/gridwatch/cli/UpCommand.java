package io.gridwatch.cli;

import io.gridwatch.embedded.LocalServices;
import io.gridwatch.embedded.LocalServices.Ports;
import io.gridwatch.embedded.LocalServices.Running;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Starts Kafka and Elasticsearch on this machine and keeps them running, with their data in one directory.",
            "Then replay a history, query it with alerts, trends and hotspots, or run the job against them;",
            "gridwatch down stops them and keeps the data. The job's topics and index templates are created."
        })
final class UpCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka's port; its controller takes the next "
            + "(default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--elasticsearch-port", defaultValue = "9200", description = "Elasticsearch's HTTP port; its "
            + "transport takes this plus 100 (default: ${DEFAULT-VALUE}).")
    int elasticsearchPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = data.directory();
        Optional<Running> already = LocalServices.running(directory);
        if (already.isPresent()) {
            out.println("Already up (process " + already.get().pid() + ").");
            print(out, already.get(), directory);
            return 0;
        }
        out.println("Starting Kafka and Elasticsearch (about half a minute) ...");
        out.flush();
        Running running = LocalServices.up(directory,
                new Ports(kafkaPort, kafkaPort + 1, elasticsearchPort, elasticsearchPort + 100), Duration.ofMinutes(3));
        print(out, running, directory);
        return 0;
    }

    private static void print(PrintWriter out, Running running, Path directory) {
        out.println("Kafka          " + running.kafka());
        out.println("Elasticsearch  " + running.elasticsearch());
        out.println("Data           " + directory + " (log: " + LocalServices.LOG_FILE + ")");
        out.println("Stop with      ./gridwatch down");
    }
}
