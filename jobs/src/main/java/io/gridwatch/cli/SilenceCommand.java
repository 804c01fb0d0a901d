package io.gridwatch.cli;

import io.gridwatch.common.alert.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Silences alerts of a grid, a detector or a street for a period (静默): they are indexed, "
                + "marked silenced, and not sent.")
final class SilenceCommand implements Callable<Integer> {

    @Option(names = "--grid", paramLabel = "GRID_ID", description = "Only this grid.")
    String gridId;

    @Option(names = "--detector", paramLabel = "NAME", description = "Only this detector, e.g. patrol_gap.")
    String detector;

    @Option(names = "--street", paramLabel = "NAME", description = "Only grids of this street/town, e.g. 东湖街道.")
    String street;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Start, e.g. 2026-10-01T00:00 (China Standard Time) (default: now).")
    Instant from;

    @Option(names = "--for", required = true, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long, e.g. 7d or 12h.")
    Duration period;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, e.g. 国庆假期集中活动.")
    String reason;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who silences.")
    String by;

    @Option(names = "--id", paramLabel = "ID", description = "Replace the silence with this id (default: a new id).")
    String id;

    @Mixin
    SilencesTopic silences;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant start = from != null ? from : Instant.now();
        Silence silence = new Silence(id != null ? id : "S-" + UUID.randomUUID().toString().substring(0, 8),
                gridId, detector, street, start, start.plus(period), reason, by);
        silences.publish(silence);
        spec.commandLine().getOut().println(silence.id() + " silences " + SilencesCommand.scope(silence) + " until "
                + SilencesCommand.local(silence.until()));
        return 0;
    }
}
