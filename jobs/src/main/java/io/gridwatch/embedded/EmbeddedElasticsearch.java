package io.gridwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Elasticsearch 7.17 server (the OSS {@code integ-test-zip} distribution the build unpacks under
 * {@code jobs/target/elasticsearch}), run as a separate process on free loopback ports with its data in a temporary
 * directory. For the demo and tests; production points GridWatch at an Elasticsearch cluster.
 *
 * <p>Elasticsearch refuses to run as root. When this JVM runs as root (as CI does), the server runs as the
 * unprivileged user {@value #SERVICE_USER}, created on first use, from a copy of the distribution it owns: it
 * cannot read root's home, where the build unpacked the original.
 *
 * <p>{@link #stop()} and {@link #start()} restart the server on the same ports and data, for outage tests.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    /** System property naming the unpacked distribution; the launcher and the build set it. */
    public static final String DISTRIBUTION_PROPERTY = "gridwatch.elasticsearch.distribution";

    static final String SERVICE_USER = "gridwatch-es";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;
    private final Path home;
    private final int httpPort = FreePorts.next();
    private final int transportPort = FreePorts.next();
    private final String heap;
    private Process process;

    private EmbeddedElasticsearch(Path workDir, Path home, String heap) {
        this.workDir = workDir;
        this.home = home;
        this.heap = heap;
    }

    /** Starts a server from the distribution named by {@value #DISTRIBUTION_PROPERTY}, with a 512 MB heap. */
    public static EmbeddedElasticsearch launch() {
        String distribution = System.getProperty(DISTRIBUTION_PROPERTY);
        if (distribution == null || !Files.isDirectory(Path.of(distribution, "bin"))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + DISTRIBUTION_PROPERTY + "="
                    + distribution + "; build the project first (mvn -B install -DskipTests)");
        }
        return launch(Path.of(distribution), "512m");
    }

    public static EmbeddedElasticsearch launch(Path distribution, String heap) {
        try {
            // Under the system temp dir, which every user can traverse (a CI checkout may be mode 700).
            Path workDir = Files.createTempDirectory("gridwatch-es-");
            Path home = workDir.resolve("home");
            Directories.copyRecursively(distribution, home);
            Files.createDirectories(workDir.resolve("data"));
            Files.createDirectories(workDir.resolve("logs"));
            if (ServiceUser.isRoot()) {
                ServiceUser.ensureExists(SERVICE_USER);
                ServiceUser.run("chown", "-R", SERVICE_USER, workDir.toString());
            }
            EmbeddedElasticsearch elasticsearch = new EmbeddedElasticsearch(workDir, home, heap);
            Runtime.getRuntime().addShutdownHook(new Thread(elasticsearch::stop, "stop-embedded-elasticsearch"));
            elasticsearch.start();
            return elasticsearch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Elasticsearch working directory", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts (or restarts) the server and waits until the cluster is at least yellow. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (ServiceUser.isRoot()) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.addAll(List.of(
                "env",
                "ES_JAVA_HOME=" + System.getProperty("java.home"),
                "ES_JAVA_OPTS=-Xms" + heap + " -Xmx" + heap,
                home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Expack.security.enabled=false",
                "-Epath.data=" + workDir.resolve("data"),
                "-Epath.logs=" + workDir.resolve("logs"),
                // A nearly full developer disk must not turn indices read-only in the middle of a demo.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Eaction.destructive_requires_name=false"));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("console.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch", e);
        }
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
                .timeout(Duration.ofSeconds(10))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with " + process.exitValue() + ":\n" + consoleTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
            }
            sleep(Duration.ofMillis(500));
        }
        stop();
        throw new IllegalStateException("Elasticsearch did not become healthy in " + START_TIMEOUT + ":\n" + consoleTail());
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the server and waits for it to exit, keeping its data. Signals the server's whole process group: with
     * {@code runuser} in front, the JVM is a grandchild of this one.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            for (ProcessHandle child : process.descendants().toList()) {
                child.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        Directories.deleteRecursively(workDir);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
