package io.gridwatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code up} keeps the local services' data, and {@code down} and {@code demo --keep} find them. */
final class DataOption {

    /** Set by the {@code gridwatch} launcher to the project directory. */
    static final String HOME_PROPERTY = "gridwatch.home";

    @Option(names = "--data", paramLabel = "DIR",
            description = "The local services' data (default: .gridwatch/services in the project).")
    Path data;

    Path directory() {
        return data != null ? data
                : Path.of(System.getProperty(HOME_PROPERTY, "."), ".gridwatch", "services").toAbsolutePath().normalize();
    }
}
