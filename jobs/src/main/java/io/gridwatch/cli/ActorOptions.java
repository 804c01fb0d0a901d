package io.gridwatch.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which alert, who acts on it, and why: shared by {@code ack} and {@code resolve}. */
final class ActorOptions {

    @Parameters(paramLabel = "ALERT_ID")
    String alertId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who acts on the alert.")
    String by;

    @Option(names = "--note", paramLabel = "TEXT")
    String note;
}
