package io.gridwatch.cli;

import io.gridwatch.common.grid.GridRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The days and the grid registry a historical query covers; shared by {@code trends} and {@code hotspots}. */
final class RangeOptions {

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (yyyy-MM-dd).")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, included (yyyy-MM-dd).")
    LocalDate to;

    @Option(names = "--registry", paramLabel = "CSV", description = "Grid registry (default: the shipped sample).")
    Path registry;

    /** The registry, after checking that the range is not reversed. */
    GridRegistry grids(CommandSpec spec) {
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        return registry == null ? GridRegistry.sample() : GridRegistry.load(registry);
    }
}
