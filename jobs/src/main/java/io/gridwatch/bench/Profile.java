package io.gridwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;

/**
 * A CPU profile of this JVM while one benchmark runs, by async-profiler — the sampling profiler Flink's runtime
 * carries for its own flame graphs — loaded in process: where every thread spends its CPU, Flink's and ours, without
 * safepoint bias. {@link #stop} writes a flame graph (HTML) and the methods with the most samples of their own (text).
 * Sampling is by CPU timer ({@code itimer}), which needs no perf-event permission in a container.
 */
final class Profile {

    private static final String LIBRARY = "/linux-x64/libasyncProfiler.so";

    private final AsyncProfiler profiler;
    private final Path dir;
    private final String name;

    private Profile(AsyncProfiler profiler, Path dir, String name) {
        this.profiler = profiler;
        this.dir = dir;
        this.name = name;
    }

    /** Starts sampling every millisecond of CPU; the results go to {@code dir} under {@code name}. */
    static Profile start(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path library = Files.createTempFile("gridwatch-async-profiler-", ".so");
        library.toFile().deleteOnExit();
        try (InputStream in = AsyncProfiler.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IOException("async-profiler's library for linux-x64 is not on the class path");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance(library.toString());
        profiler.execute("start,event=itimer,interval=1ms");
        return new Profile(profiler, dir, name);
    }

    /**
     * Stops; writes {@code <name>.html} (the flame graph), {@code <name>.collapsed} (every sampled stack, one a line,
     * for counting by operator) and {@code <name>-top.txt} (methods by samples of their own), and returns the latter.
     */
    Path stop() throws IOException {
        Path top = dir.resolve(name + "-top.txt");
        Files.writeString(top, profiler.dumpFlat(30));
        Files.writeString(dir.resolve(name + ".collapsed"), profiler.dumpCollapsed(Counter.SAMPLES));
        profiler.execute("stop,file=" + dir.resolve(name + ".html"));
        return top;
    }
}
