package io.gridwatch.embedded;

import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * Kafka and Elasticsearch kept running on this machine ({@code gridwatch up}, {@code demo --keep}) in a process of
 * their own, with their data in one directory, so that a history can be replayed and queried across commands.
 *
 * <p>{@link #up} starts that process ({@link #main}) detached from the terminal and waits until both services answer,
 * the job's topics exist and the index templates are applied; the process then writes {@value #STATE_FILE} into the
 * data directory — its pid and where the services listen — which {@link #running} and {@link #down} read. Stopping it
 * stops both services cleanly (a shutdown hook); their data stays for the next {@code up}.
 */
public final class LocalServices {

    /** Written by the services process once everything is ready, removed when it stops. */
    public static final String STATE_FILE = "services.properties";

    /** The log of the services process. */
    public static final String LOG_FILE = "services.log";

    /** Where the services listen: the usual ports by default, so every command's defaults reach them. */
    public record Ports(int kafka, int kafkaController, int elasticsearch, int elasticsearchTransport) {

        public static final Ports USUAL = new Ports(9092, 9093, 9200, 9300);

        List<Integer> all() {
            return List.of(kafka, kafkaController, elasticsearch, elasticsearchTransport);
        }
    }

    /** Services found up: the process, and where Kafka and Elasticsearch listen. */
    public record Running(long pid, String kafka, String elasticsearch) {}

    private LocalServices() {}

    /** The services whose data is in {@code data}, if their process is alive. */
    public static Optional<Running> running(Path data) {
        Path state = data.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(state)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid = Long.parseLong(properties.getProperty("pid", "-1"));
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> new Running(pid, properties.getProperty("kafka"), properties.getProperty("elasticsearch")));
    }

    /**
     * Starts the services process for {@code data} on {@code ports} and waits up to {@code timeout} until it is
     * ready. Fails with a readable message when a port is taken or the process dies.
     */
    public static Running up(Path data, Ports ports, Duration timeout) throws IOException, InterruptedException {
        for (int port : ports.all()) {
            if (!FreePorts.isFree(port)) {
                throw new IllegalStateException("port " + port + " is in use (another Kafka or Elasticsearch?); "
                        + "gridwatch up listens on " + ports.all());
            }
        }
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve(STATE_FILE));
        Path log = data.resolve(LOG_FILE);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: closing the terminal does not stop the services
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-D" + EmbeddedElasticsearch.DISTRIBUTION_PROPERTY + "="
                        + System.getProperty(EmbeddedElasticsearch.DISTRIBUTION_PROPERTY, ""),
                "-cp", System.getProperty("java.class.path"),
                LocalServices.class.getName(), data.toAbsolutePath().toString(),
                String.valueOf(ports.kafka()), String.valueOf(ports.kafkaController()),
                String.valueOf(ports.elasticsearch()), String.valueOf(ports.elasticsearchTransport())));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Running> running = running(data);
            if (running.isPresent()) {
                return running.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the services stopped while starting; see " + log.toAbsolutePath());
            }
            Thread.sleep(500);
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        throw new IllegalStateException("the services did not start in " + timeout.toSeconds() + " s; see "
                + log.toAbsolutePath());
    }

    /** Stops the services of {@code data}; false if none were up. Their data stays. */
    public static boolean down(Path data, Duration timeout) throws InterruptedException {
        Optional<Running> running = running(data);
        if (running.isEmpty()) {
            return false;
        }
        ProcessHandle process = ProcessHandle.of(running.get().pid()).orElseThrow();
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(data.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** The services process: {@code DATA KAFKA_PORT CONTROLLER_PORT ES_PORT ES_TRANSPORT_PORT}. */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        EmbeddedKafka kafka = EmbeddedKafka.keep(data.resolve("kafka"), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.keep(data.resolve("elasticsearch"),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            elasticsearch.close();
            kafka.close();
            try {
                Files.deleteIfExists(data.resolve(STATE_FILE));
            } catch (IOException e) {
                // the next up replaces it
            }
        }, "stop-local-services"));
        kafka.createTopics(GridWatchOptions.defaultTopicNames(), 2);
        try (RestHighLevelClient client = ElasticsearchAccess.open(List.of(URI.create(elasticsearch.url()))).client()) {
            IndexTemplates.apply(client.getLowLevelClient());
        }
        Properties state = new Properties();
        state.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
        state.setProperty("kafka", kafka.bootstrapServers());
        state.setProperty("elasticsearch", elasticsearch.url());
        Path written = data.resolve(STATE_FILE + ".new");
        try (Writer out = Files.newBufferedWriter(written)) {
            state.store(out, "GridWatch local services");
        }
        Files.move(written, data.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("GridWatch services up: Kafka " + kafka.bootstrapServers() + ", Elasticsearch "
                + elasticsearch.url() + ", data in " + data.toAbsolutePath());
        Thread.currentThread().join(); // until stopped
    }
}
