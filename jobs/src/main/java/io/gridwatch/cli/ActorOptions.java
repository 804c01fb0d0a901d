package io.gridwatch.cli;

import io.gridwatch.common.access.Action;
import io.gridwatch.lifecycle.AlertLifecycle;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
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

    /** Takes {@code action} and says what happened: done, or published with the documents still to follow. */
    int act(LifecycleOptions services, Action action, CommandSpec spec, String done) throws Exception {
        AlertLifecycle.Outcome outcome;
        try (LifecycleOptions.Session session = services.open()) {
            outcome = session.lifecycle().act(alertId, action, by, note, AlertLifecycle.Permit.ANYONE);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(alertId + done + by);
        if (outcome.pending() != null) {
            out.println("(recorded on the lifecycle topic; Elasticsearch did not take it yet and the job will write it: "
                    + outcome.pending() + ")");
        }
        return 0;
    }
}
