package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.embedded.Directories;
import io.gridwatch.embedded.LocalServices;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.SharedServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch up}, {@code replay}, {@code alerts}, {@code trends}, {@code down}, as the README shows them: Kafka
 * and Elasticsearch started in a process of their own, kept up across commands, stopped by {@code down}. On free ports
 * of its own, beside the suite's shared services.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class UpDownCommandsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private final CommandRun command = new CommandRun();

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
            assertThat(command.run("up", "--data", data.toString(), "--kafka-port", String.valueOf(kafka),
                    "--elasticsearch-port", String.valueOf(elasticsearch))).as(command.err()).isZero();
            assertThat(command.out()).contains("Kafka          127.0.0.1:" + kafka, "Elasticsearch  " + url,
                    "Data           " + data);
            assertThat(command.run("up", "--data", data.toString())).isZero();
            assertThat(command.out()).startsWith("Already up");

            assertThat(command.run("simulate", "--seed", "19", "--days", "21", "--end", "2026-02-01T00:00:00Z",
                    "--out", files.toString())).isZero();
            String registry = files.resolve("grids.csv").toString();
            assertThat(command.run("replay", files.resolve("events.jsonl").toString(), "--registry", registry,
                    "--elasticsearch", url)).as(command.err()).isZero();
            assertThat(command.run("alerts", "--elasticsearch", url, "--registry", registry, "--limit", "500"))
                    .as(command.err()).isZero();
            assertThat(command.out()).contains("repeated_dispute", "overdue_response", "patrol_gap");
            String street = GridRegistry.load(files.resolve("grids.csv")).grids().iterator().next().street();
            assertThat(command.run("trends", "--street", street, "--from", "2026-01-11", "--to", "2026-01-31",
                    "--registry", registry, "--elasticsearch", url)).as(command.err()).isZero();
            assertThat(command.out()).contains("2026-01-20");

            assertThat(command.run("down", "--data", data.toString())).isZero();
            assertThat(command.out()).startsWith("Stopped Kafka and Elasticsearch");
            assertThat(LocalServices.running(data)).isEmpty();
            assertThat(free(kafka) && free(elasticsearch)).as("both services stopped listening").isTrue();
            assertThat(command.run("down", "--data", data.toString())).isZero();
            assertThat(command.out()).startsWith("Nothing to stop");
        } finally {
            LocalServices.down(data, Duration.ofMinutes(1));
            Directories.deleteRecursively(data);
        }
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
