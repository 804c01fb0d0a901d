package io.gridwatch.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink session cluster in JVMs of its own — a JobManager ({@code StandaloneSessionClusterEntrypoint}) and a
 * TaskManager ({@code TaskManagerRunner}) with two slots — whose class path holds Flink's runtime and what it depends
 * on, nothing else: a class the job jar should bring and does not is missing there, as on a real cluster. The jars are
 * taken from this JVM's class path by their Maven coordinates (see {@code ../shared/notes/} for how this is done
 * here); Flink's distribution is not served. Its REST API is on loopback at {@link #rest()}; logs in {@link #logs}.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    /** Flink's runtime, as a distribution's {@code lib/} holds it: not CEP, not the Kafka connector. */
    private static final Set<String> FLINK = Set.of("flink-annotations", "flink-core", "flink-core-api",
            "flink-metrics-core", "flink-runtime", "flink-runtime-web", "flink-streaming-java", "flink-clients",
            "flink-datastream", "flink-datastream-api", "flink-rpc-core", "flink-rpc-akka-loader",
            "flink-connector-base", "flink-connector-files", "flink-connector-datagen", "flink-file-sink-common",
            "flink-hadoop-fs", "flink-queryable-state-client-java");
    /** What Flink's runtime depends on, by group id and artifact id (a group alone: all of its artifacts). */
    private static final Set<String> RUNTIME_DEPENDENCIES = Set.of("com.esotericsoftware", "org.objenesis",
            "org.apache.commons:commons-lang3", "org.apache.commons:commons-math3", "org.apache.commons:commons-text",
            "org.apache.commons:commons-compress", "commons-io", "commons-collections", "commons-cli",
            "org.javassist", "org.snakeyaml", "org.lz4", "at.yawk.lz4", "org.xerial.snappy", "com.google.code.findbugs",
            "tools.profiler", "org.slf4j:slf4j-api", "org.apache.logging.log4j:log4j-api",
            "org.apache.logging.log4j:log4j-core", "org.apache.logging.log4j:log4j-slf4j2-impl");
    /** Flink's own {@code env.java.opts.all} on Java 17. */
    private static final List<String> JVM_FLAGS = Stream.concat(
            Stream.of("java.lang", "java.net", "java.io", "java.nio", "sun.nio.ch", "java.lang.reflect", "java.text",
                    "java.time", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
                    "java.util.concurrent.locks").map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED"),
            Stream.of("java.base/sun.net.util", "java.rmi/sun.rmi.registry", "java.security.jgss/sun.security.krb5")
                    .map(p -> "--add-exports=" + p + "=ALL-UNNAMED")).toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dir;
    private final URI rest;
    private final List<Process> processes = new ArrayList<>();

    private StandaloneFlinkCluster(Path dir, URI rest) {
        this.dir = dir;
        this.rest = rest;
    }

    /** Starts the JobManager and a TaskManager in {@code dir} and waits until the TaskManager's slots are offered. */
    public static StandaloneFlinkCluster start(Path dir) throws Exception {
        int restPort = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + freePort(),
                "jobmanager.bind-host: localhost",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.numberOfTaskSlots: 2",
                "parallelism.default: 2",
                "web.upload.dir: " + Files.createDirectories(dir.resolve("uploads")),
                // A TaskManager started without Flink's scripts needs every size spelt out.
                "taskmanager.cpu.cores: 2",
                "taskmanager.memory.framework.heap.size: 64m",
                "taskmanager.memory.framework.off-heap.size: 64m",
                "taskmanager.memory.task.heap.size: 512m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 64m",
                "taskmanager.memory.jvm-overhead.max: 64m",
                ""));
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.out.ref = out",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                ""));
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir, URI.create("http://localhost:" + restPort));
        try {
            cluster.launch("jobmanager", "-Xmx512m", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
            cluster.launch("taskmanager", "-Xmx600m", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
            cluster.awaitSlots(2, Duration.ofMinutes(2));
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The REST API's base address. */
    public URI rest() {
        return rest;
    }

    /** The last lines each process printed, for a failure's message. */
    public String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("jobmanager", "taskmanager")) {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            out.append("--- ").append(name).append('\n')
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))).append('\n');
        }
        return out.toString();
    }

    /** The class path of Flink's runtime: the jars of this JVM's class path that {@link #FLINK} and its dependencies name. */
    public static String runtimeClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(StandaloneFlinkCluster::isRuntime)
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** A jar of the local Maven repository, {@code …/group/dirs/artifact/version/artifact-version.jar}, of the runtime. */
    private static boolean isRuntime(Path jar) {
        Path versionDir = jar.getParent();
        if (versionDir == null || versionDir.getParent() == null || versionDir.getParent().getParent() == null) {
            return false;
        }
        String version = versionDir.getFileName().toString();
        String artifact = versionDir.getParent().getFileName().toString();
        if (!jar.getFileName().toString().equals(artifact + "-" + version + ".jar")) {
            return false; // a classifier: tests, sources
        }
        String path = versionDir.getParent().getParent().toString().replace(File.separatorChar, '/');
        int repository = path.lastIndexOf("/repository/");
        if (repository < 0) {
            return false;
        }
        String group = path.substring(repository + "/repository/".length()).replace('/', '.');
        if (group.equals("org.apache.flink")) {
            return FLINK.contains(artifact) || artifact.startsWith("flink-shaded-");
        }
        return RUNTIME_DEPENDENCIES.contains(group) || RUNTIME_DEPENDENCIES.contains(group + ":" + artifact);
    }

    private void launch(String name, String heap, String mainClass) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.addAll(JVM_FLAGS);
        command.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j2.properties"));
        command.addAll(List.of("-cp", runtimeClassPath(), mainClass, "--configDir", dir.resolve("conf").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
        processes.add(builder.start());
    }

    private void awaitSlots(int slots, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a Flink process exited with " + process.exitValue() + "\n" + logs());
                }
            }
            try {
                HttpResponse<String> overview = HTTP.send(HttpRequest.newBuilder(rest.resolve("/overview")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (overview.statusCode() == 200 && JSON.readTree(overview.body()).path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the JobManager is still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no " + slots + " slots within " + within + "\n" + logs());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
