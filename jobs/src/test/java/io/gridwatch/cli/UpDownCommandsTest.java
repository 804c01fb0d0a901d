package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.embedded.Directories;
import io.gridwatch.embedded.LocalServices;
import io.gridwatch.testing.SharedServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gridwatch up}, {@code replay}, {@code alerts}, {@code trends}, {@code down}, as the README shows them: Kafka
 * and Elasticsearch started in a process of their own, kept up across commands, stopped by {@code down}. On free ports
 * of its own, beside the suite's shared services.
 */
@ExtendWith(SharedServices.class)
class UpDownCommandsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path files;

    @Test
    void keepsTheServicesUpAcrossCommandsUntilDown() throws Exception {
        // Under the system temp dir, open to Elasticsearch's service user (a CI checkout may be mode 700).
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gridwatch-up-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int kafka = freePortFollowedBy(1);
        int elasticsearch = freePortFollowedBy(100);
        String url = "http://127.0.0.1:" + elasticsearch;
        try {
            assertThat(run("up", "--data", data.toString(), "--kafka-port", String.valueOf(kafka),
                    "--elasticsearch-port", String.valueOf(elasticsearch))).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Kafka          127.0.0.1:" + kafka, "Elasticsearch  " + url,
                    "Data           " + data);
            assertThat(run("up", "--data", data.toString())).isZero();
            assertThat(out.toString()).startsWith("Already up");

            assertThat(run("simulate", "--seed", "19", "--days", "21", "--end", "2026-02-01T00:00:00Z",
                    "--out", files.toString())).isZero();
            String registry = files.resolve("grids.csv").toString();
            assertThat(run("replay", files.resolve("events.jsonl").toString(), "--registry", registry,
                    "--elasticsearch", url)).as(err.toString()).isZero();
            assertThat(run("alerts", "--elasticsearch", url, "--registry", registry, "--limit", "500"))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("repeated_dispute", "overdue_response", "patrol_gap");
            String street = GridRegistry.load(files.resolve("grids.csv")).grids().iterator().next().street();
            assertThat(run("trends", "--street", street, "--from", "2026-01-11", "--to", "2026-01-31",
                    "--registry", registry, "--elasticsearch", url)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("2026-01-20");

            assertThat(run("down", "--data", data.toString())).isZero();
            assertThat(out.toString()).startsWith("Stopped Kafka and Elasticsearch");
            assertThat(LocalServices.running(data)).isEmpty();
            assertThat(free(kafka) && free(elasticsearch)).as("both services stopped listening").isTrue();
            assertThat(run("down", "--data", data.toString())).isZero();
            assertThat(out.toString()).startsWith("Nothing to stop");
        } finally {
            LocalServices.down(data, Duration.ofMinutes(1));
            Directories.deleteRecursively(data);
        }
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine cli = GridWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        cli.getOut().flush();
        return exit;
    }

    /** A free loopback port whose {@code offset}-th neighbour is free too. */
    private static int freePortFollowedBy(int offset) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (port + offset < 65536 && free(port + offset)) {
                return port;
            }
        }
        throw new IllegalStateException("no free pair of ports");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
