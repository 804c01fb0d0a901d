package io.gridwatch.cli;

import io.gridwatch.demo.Demo;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the live demo on embedded Kafka and Elasticsearch.",
            "Starts Kafka, Elasticsearch and the early-warning job on this machine, feeds a simulated city's last",
            "month (with injected disputes, hotspots, overdue complaints and a neglected grid) compressed into",
            "--feed-time, and shows a live summary of the alerts. Stops cleanly on Ctrl-C or after --duration.",
            "With --keep it runs on the services of gridwatch up (starting them) and leaves them up with its data."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", description = "Stop after this long, e.g. 90s or 5m (default: run until Ctrl-C).",
            converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--feed-time", defaultValue = "40s", converter = DurationConverter.class,
            description = "Wall-clock time over which the simulated month is fed (default: ${DEFAULT-VALUE}).")
    Duration feedTime;

    @Option(names = "--keep", description = "Leave Kafka and Elasticsearch up with the demo's data (see gridwatch up).")
    boolean keep;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        new Demo(System.out, duration, feedTime, System.console() != null, keep ? data.directory() : null).run();
        return 0;
    }
}
