package io.gridwatch.cli;

import io.gridwatch.demo.Demo;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the live demo on embedded Kafka and Elasticsearch.",
            "Starts Kafka, Elasticsearch and the early-warning job on this machine, feeds a generated week of",
            "events containing repeated disputes, and prints each alert as it lands in Elasticsearch.",
            "Stops cleanly on Ctrl-C or after --duration."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", description = "Stop after this long, e.g. 90s or 5m (default: run until Ctrl-C).",
            converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--feed-time", defaultValue = "20s", converter = DurationConverter.class,
            description = "Wall-clock time over which the generated week is fed (default: ${DEFAULT-VALUE}).")
    Duration feedTime;

    @Override
    public Integer call() throws Exception {
        new Demo(System.out, duration, feedTime).run();
        return 0;
    }
}
