package io.gridwatch.cli;

import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gridwatch} command. Errors are one readable line on stderr and a non-zero exit code, never a stack
 * trace: staff run this, not only developers.
 */
@Command(
        name = "gridwatch",
        mixinStandardHelpOptions = true,
        version = "GridWatch 0.1.0",
        description = "Early warnings for grid-based community governance (网格化基层治理).",
        subcommands = {DemoCommand.class, RunCommand.class, SimulateCommand.class, ReplayCommand.class,
            AlertsCommand.class, AckCommand.class, ResolveCommand.class, ServeCommand.class, TokenCommand.class,
            SilenceCommand.class, SilencesCommand.class, DeadLettersCommand.class, TrendsCommand.class,
            HotspotsCommand.class, ScorecardCommand.class, SetupCommand.class, UpCommand.class, DownCommand.class,
            BenchCommand.class})
public final class GridWatchCli {

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Settings shared with the job: its keys (elasticsearch.hosts, elasticsearch.username, "
                    + "elasticsearch.api-key-env, elasticsearch.truststore, kafka.bootstrap-servers, kafka.properties.*, "
                    + "…) in YAML; GRIDWATCH_* environment variables override them, and a command's flags override both.")
    Path config;

    /** Where secrets and GRIDWATCH_* settings are read: the process environment, or a map in tests. */
    final Function<String, String> environment;

    GridWatchCli(Function<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int exit = cli.execute(args);
        cli.getOut().flush(); // tables are printed without a final newline flush
        System.exit(exit);
    }

    static CommandLine commandLine() {
        return commandLine(System::getenv);
    }

    static CommandLine commandLine(Function<String, String> environment) {
        CommandLine cli = new CommandLine(new GridWatchCli(environment)).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println("gridwatch: " + oneLine(e));
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("gridwatch: " + e.getMessage() + " (see gridwatch "
                    + e.getCommandLine().getCommandName().replace("gridwatch", "").trim() + " --help)");
            return 2;
        });
        return cli;
    }

    /** The innermost message worth showing: wrappers add nothing for a person. */
    static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause.getMessage() == null || cause.getMessage().contains("Exception"))) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
