package io.gridwatch.cli;

import java.util.function.Function;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code gridwatch} command run in this process, what it printed captured: one run's output, every run's errors. */
final class CommandRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Function<String, String> environment;

    /** Runs with this process's environment. */
    CommandRun() {
        this(System::getenv);
    }

    /** Runs with {@code environment} standing for the process's (secrets, GRIDWATCH_* settings). */
    CommandRun(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Runs {@code args} and returns the exit code; {@link #out} then holds this run's output. */
    int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = GridWatchCli.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        cli.getOut().flush();
        return exit;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
