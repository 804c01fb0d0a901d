package io.gridwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The checkpoints a test job retains in a directory of its own (job id / chk-N / _metadata). */
public final class Checkpoints {

    private Checkpoints() {}

    /** The newest completed checkpoint under {@code directory}. */
    public static Optional<Path> latest(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max((a, b) -> Integer.compare(number(a), number(b)));
        }
    }

    /** The number of the newest completed checkpoint, 0 when none has completed. */
    public static int latestNumber(Path directory) {
        try {
            return latest(directory).map(Checkpoints::number).orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(Path checkpoint) {
        return Integer.parseInt(checkpoint.getFileName().toString().substring("chk-".length()));
    }
}
