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
import java.util.stream.Stream;

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
 *
 * <p>{@link #launchSecured} starts it with security on: HTTPS with a self-signed certificate for 127.0.0.1 (its
 * certificate in {@link #truststore()}) and one superuser in the file realm, for tests of secured access.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    /** System property naming the unpacked distribution; the launcher and the build set it. */
    public static final String DISTRIBUTION_PROPERTY = "gridwatch.elasticsearch.distribution";

    static final String SERVICE_USER = "gridwatch-es";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;
    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private final String heap;
    private final Credentials credentials;
    private final boolean deleteOnClose;
    private Process process;

    /** The superuser of a secured server. */
    public record Credentials(String user, String password) {}

    /** Password of the HTTPS keystore and of {@link #truststore()}. */
    public static final String STORE_PASSWORD = "gridwatch-test";

    private EmbeddedElasticsearch(Path workDir, Path home, int httpPort, int transportPort, String heap,
            Credentials credentials, boolean deleteOnClose) {
        this.workDir = workDir;
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.heap = heap;
        this.credentials = credentials;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts a server from the distribution named by {@value #DISTRIBUTION_PROPERTY}, with a 512 MB heap. */
    public static EmbeddedElasticsearch launch() {
        return launch(distribution(), "512m");
    }

    private static Path distribution() {
        String distribution = System.getProperty(DISTRIBUTION_PROPERTY);
        if (distribution == null || !Files.isDirectory(Path.of(distribution, "bin"))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + DISTRIBUTION_PROPERTY + "="
                    + distribution + "; build the project first (mvn -B install -DskipTests)");
        }
        return Path.of(distribution);
    }

    public static EmbeddedElasticsearch launch(Path distribution, String heap) {
        return launch(distribution, heap, null);
    }

    /** A server with security on, from the distribution named by {@value #DISTRIBUTION_PROPERTY}. */
    public static EmbeddedElasticsearch launchSecured(Credentials superuser) {
        return launch(distribution(), "512m", superuser);
    }

    private static EmbeddedElasticsearch launch(Path distribution, String heap, Credentials credentials) {
        try {
            // Under the system temp dir, which every user can traverse (a CI checkout may be mode 700).
            Path workDir = Files.createTempDirectory("gridwatch-es-");
            Path home = prepare(distribution, workDir);
            if (credentials != null) {
                certificate(home.resolve("config/http.p12"), workDir.resolve("truststore.p12"));
            }
            handOver(workDir);
            if (credentials != null) {
                List<String> useradd = new ArrayList<>(asServiceUser());
                useradd.addAll(List.of("env", "ES_JAVA_HOME=" + System.getProperty("java.home"),
                        home.resolve("bin/elasticsearch-users").toString(), "useradd", credentials.user(),
                        "-p", credentials.password(), "-r", "superuser"));
                ServiceUser.run(useradd.toArray(String[]::new));
            }
            return started(new EmbeddedElasticsearch(workDir, home, FreePorts.next(), FreePorts.next(), heap,
                    credentials, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Elasticsearch working directory", e);
        }
    }

    /**
     * Starts a server from the distribution named by {@value #DISTRIBUTION_PROPERTY} on {@code httpPort} (and
     * {@code transportPort}) whose installation, data and logs stay in {@code workDir}: set up the first time, taken
     * up again after that, never deleted. The service user (when run as root) must be able to traverse its parents.
     */
    public static EmbeddedElasticsearch keep(Path workDir, int httpPort, int transportPort) {
        try {
            Path home = prepare(distribution(), workDir);
            handOver(workDir);
            return started(new EmbeddedElasticsearch(workDir, home, httpPort, transportPort, "512m", null, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Elasticsearch directory " + workDir, e);
        }
    }

    /** The server's directories in {@code workDir}, the installation copied there unless it is already; its home. */
    private static Path prepare(Path distribution, Path workDir) throws IOException {
        Path home = workDir.resolve("home");
        if (!Files.isDirectory(home.resolve("bin"))) {
            Directories.copyRecursively(distribution, home);
        }
        Files.createDirectories(workDir.resolve("data"));
        Files.createDirectories(workDir.resolve("logs"));
        return home;
    }

    /** {@code workDir} to the service user, when this runs as root: Elasticsearch refuses to run as root. */
    private static void handOver(Path workDir) {
        if (ServiceUser.isRoot()) {
            ServiceUser.ensureExists(SERVICE_USER);
            ServiceUser.run("chown", "-R", SERVICE_USER, workDir.toString());
        }
    }

    private static EmbeddedElasticsearch started(EmbeddedElasticsearch elasticsearch) {
        Runtime.getRuntime().addShutdownHook(new Thread(elasticsearch::stop, "stop-embedded-elasticsearch"));
        elasticsearch.start();
        return elasticsearch;
    }

    public String url() {
        return (credentials == null ? "http" : "https") + "://127.0.0.1:" + httpPort;
    }

    /** The PKCS12 truststore holding a secured server's certificate (password {@value #STORE_PASSWORD}). */
    public Path truststore() {
        return workDir.resolve("truststore.p12");
    }

    /** A key pair for 127.0.0.1 in {@code keystore}, its certificate alone in {@code truststore}. */
    private static void certificate(Path keystore, Path truststore) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path certificate = truststore.resolveSibling("http.crt");
        ServiceUser.run(keytool, "-genkeypair", "-alias", "http", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "365",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        ServiceUser.run(keytool, "-exportcert", "-alias", "http", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", certificate.toString());
        ServiceUser.run(keytool, "-importcert", "-noprompt", "-alias", "http", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    }

    private static List<String> asServiceUser() {
        return ServiceUser.isRoot() ? List.of("runuser", "-u", SERVICE_USER, "--") : List.of();
    }

    /** CPU time the server's processes have used since it started, all threads together. */
    public synchronized Duration cpuTime() {
        if (process == null) {
            return Duration.ZERO;
        }
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Starts (or restarts) the server and waits until the cluster is at least yellow. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(asServiceUser());
        command.addAll(List.of(
                "env",
                "ES_JAVA_HOME=" + System.getProperty("java.home"),
                "ES_JAVA_OPTS=-Xms" + heap + " -Xmx" + heap,
                home.resolve("bin/elasticsearch").toString(),
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + workDir.resolve("data"),
                "-Epath.logs=" + workDir.resolve("logs"),
                // A nearly full developer disk must not turn indices read-only in the middle of a demo.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Eaction.destructive_requires_name=false"));
        if (credentials == null) {
            command.add("-Expack.security.enabled=false");
        } else {
            command.addAll(List.of(
                    "-Expack.security.enabled=true",
                    "-Expack.security.http.ssl.enabled=true",
                    "-Expack.security.http.ssl.keystore.path=http.p12",
                    "-Expack.security.http.ssl.keystore.password=" + STORE_PASSWORD));
        }
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
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=5s"))
                .timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            client.sslContext(trusting(truststore()));
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (credentials.user() + ":" + credentials.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpClient http = client.build();
        HttpRequest health = request.build();
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

    private static javax.net.ssl.SSLContext trusting(Path truststore) {
        try (var in = Files.newInputStream(truststore)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            return ssl;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the test certificate: " + e.getMessage(), e);
        }
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
        if (deleteOnClose) {
            Directories.deleteRecursively(workDir);
        }
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
