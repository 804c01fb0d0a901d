package io.gridwatch.cli;

import io.gridwatch.embedded.LocalServices;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = "Stops the Kafka and Elasticsearch that gridwatch up (or demo --keep) started; their data stays "
                + "for the next up (delete the data directory to start afresh).")
final class DownCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (LocalServices.down(data.directory(), Duration.ofMinutes(2))) {
            out.println("Stopped Kafka and Elasticsearch; their data stays in " + data.directory());
        } else {
            out.println("Nothing to stop: no services are up for " + data.directory());
        }
        return 0;
    }
}
