package io.gridwatch.embedded;

import io.gridwatch.sink.kafka.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM, on free loopback
 * ports, with its log under a directory of its own. For the demo and tests; production runs a Kafka cluster.
 *
 * <p>{@link #stop()} and {@link #start()} restart the broker on the same ports and log, as a crashed broker would
 * come back.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final boolean deleteOnClose;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, int controllerPort, boolean deleteOnClose) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.deleteOnClose = deleteOnClose;
    }

    /** Formats a fresh log under a new temporary directory and starts the broker on free ports. */
    public static EmbeddedKafka launch() {
        try {
            EmbeddedKafka kafka = new EmbeddedKafka(
                    Files.createTempDirectory("gridwatch-kafka-"), FreePorts.next(), FreePorts.next(), true);
            kafka.format();
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory", e);
        }
    }

    /**
     * Starts a broker on {@code port} (and {@code controllerPort}) whose log stays in {@code logDir}: formatted the
     * first time, taken up again after that, never deleted.
     */
    public static EmbeddedKafka keep(Path logDir, int port, int controllerPort) {
        try {
            Files.createDirectories(logDir);
            EmbeddedKafka kafka = new EmbeddedKafka(logDir, port, controllerPort, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                kafka.format();
            }
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their partition counts; a typo must not create a new topic.
        p.put("auto.create.topics.enable", "false");
        // Demo and tests carry simulated history: alert records are timestamped weeks back, and time-based retention
        // would delete them (whole segments, rolled at every week-long jump in time) while they are still read.
        p.put("log.retention.ms", "-1");
        return p;
    }

    private void format() throws IOException {
        Path configFile = logDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(configFile)) {
            config().store(out, "GridWatch embedded Kafka");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool$.MODULE$.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka log failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Starts (or restarts) the broker and waits until it answers. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        server.startup();
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not come up", e);
        }
    }

    /** Stops the broker, keeping its log, as if it had crashed. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Topics.create(admin, topics, partitions, (short) 1);
        }
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            Directories.deleteRecursively(logDir);
        }
    }
}
