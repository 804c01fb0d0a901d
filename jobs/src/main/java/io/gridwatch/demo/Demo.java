package io.gridwatch.demo;

import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.config.JobConfig;
import io.gridwatch.embedded.Directories;
import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.embedded.EmbeddedKafka;
import io.gridwatch.embedded.LocalServices;
import io.gridwatch.embedded.LocalServices.Running;
import io.gridwatch.embedded.ThrowawayKeys;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.simulate.CitySpec;
import io.gridwatch.simulate.Intake;
import io.gridwatch.simulate.KafkaFeed;
import io.gridwatch.simulate.Simulation;
import io.gridwatch.simulate.SimulationFiles;
import io.gridwatch.simulate.SimulationSpec;
import io.gridwatch.simulate.Simulator;
import io.gridwatch.simulate.SyntheticCity;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * The live demo: real Kafka and Elasticsearch started locally, the early-warning job on a local Flink MiniCluster,
 * a simulated city's last {@value #DAYS} days — with injected disputes, hotspots, overdue complaints and a neglected
 * grid — fed through Kafka with event time compressed into {@code feedTime}, and a one-screen summary of what the
 * job finds, updated as alerts become searchable in Elasticsearch.
 */
public final class Demo {

    static final int DAYS = 30;
    private static final long SEED = 2026;

    private final PrintStream out;
    private final Duration duration;
    private final Duration feedTime;
    private final boolean terminal;
    private final Path keepIn;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param duration how long to run; {@code null} runs until Ctrl-C
     * @param feedTime the wall-clock time over which the simulated month is fed
     * @param terminal whether {@code out} is a terminal, where the summary is redrawn in place
     */
    public Demo(PrintStream out, Duration duration, Duration feedTime, boolean terminal) {
        this(out, duration, feedTime, terminal, null);
    }

    /**
     * @param keepIn where {@code gridwatch up} keeps its services: the demo runs on them (starting them if they are
     *     down) and leaves them up with its data; {@code null} runs on temporary services, gone when it stops
     */
    public Demo(PrintStream out, Duration duration, Duration feedTime, boolean terminal, Path keepIn) {
        this.out = out;
        this.duration = duration;
        this.feedTime = feedTime;
        this.terminal = terminal;
        this.keepIn = keepIn;
    }

    public void run() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopFromSignal, "demo-shutdown"));
        try {
            if (keepIn != null) {
                runOnKeptServices();
            } else {
                runOnTemporaryServices();
            }
        } finally {
            stopped.countDown();
        }
    }

    private void runOnTemporaryServices() throws Exception {
        out.println("GridWatch 网格预警演示 — starting real services on this machine");
        out.print("  Kafka (KRaft broker, in process) ... ");
        Path work = Files.createTempDirectory("gridwatch-demo-");
        try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
            out.println(kafka.bootstrapServers());
            kafka.createTopics(GridWatchOptions.defaultTopicNames(), 2);
            out.print("  Elasticsearch 7.17 (server process) ... ");
            try (EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.launch()) {
                out.println(elasticsearch.url());
                runOn(kafka.bootstrapServers(), elasticsearch.url(), work);
            }
        } finally {
            Directories.deleteRecursively(work);
            out.println("Stopped. Kafka and Elasticsearch data were temporary and are gone.");
        }
    }

    private void runOnKeptServices() throws Exception {
        out.println("GridWatch 网格预警演示 — on the services of gridwatch up, left running afterwards");
        Running services = LocalServices.running(keepIn).orElse(null);
        if (services == null) {
            out.println("  Starting Kafka and Elasticsearch, data in " + keepIn + " ...");
            services = LocalServices.up(keepIn, LocalServices.Ports.USUAL, Duration.ofMinutes(3));
        }
        out.println("  Kafka " + services.kafka() + ", Elasticsearch " + services.elasticsearch());
        Path work = Files.createDirectories(keepIn.resolve("demo"));
        runOn(services.kafka(), services.elasticsearch(), work);
        out.println("Kafka and Elasticsearch keep running with the demo's data (registry " + work.resolve(SimulationFiles.GRIDS)
                + "): ./gridwatch alerts, trends, hotspots and scorecard (--registry that file) query them; "
                + "./gridwatch down stops them.");
    }

    /** Simulates the city into {@code work}, runs the job on the services, feeds the city and shows the alerts. */
    private void runOn(String kafka, String elasticsearchUrl, Path work) throws Exception {
        try (RestHighLevelClient client = ElasticsearchAccess.open(List.of(URI.create(elasticsearchUrl))).client()) {
            IndexTemplates.apply(client.getLowLevelClient());
            Simulation city = Simulator.simulate(SyntheticCity.generate(CitySpec.SMALL, SEED),
                    new SimulationSpec(SEED, Instant.now().truncatedTo(ChronoUnit.MINUTES), DAYS, 1.5, 2,
                            Intake.REALISTIC));
            SimulationFiles.write(city, work);
            JobClient job = startJob(kafka, elasticsearchUrl, work.resolve(SimulationFiles.GRIDS));
            out.println("  Flink early-warning job (local MiniCluster, parallelism 2) ... " + job.getJobID());
            try {
                feedAndWatch(city, kafka, new AlertWatcher(client), job, elasticsearchUrl);
            } finally {
                out.println("Stopping ...");
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private JobClient startJob(String kafka, String elasticsearchUrl, Path registry) throws Exception {
        JobConfig config = JobConfig.fromMap(Map.of(
                "kafka.bootstrap-servers", kafka,
                "elasticsearch.hosts", elasticsearchUrl,
                "registry.path", registry.toString(),
                // The feed compresses a month into seconds, in the order the city's intake delivers it. Its partitions
                // must not count as idle while it runs, or their watermarks would jump to the wall clock and the rest
                // of the month arrive "now".
                "events.idle-timeout", "1 min",
                "checkpoint.interval", "5 s"), ThrowawayKeys.environment());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        EarlyWarningJob.build(env, config);
        return env.executeAsync(EarlyWarningJob.JOB_NAME);
    }

    private void feedAndWatch(Simulation city, String kafka, AlertWatcher watcher, JobClient job, String esUrl)
            throws Exception {
        Instant start = Instant.now();
        String streets = String.join("、", city.registry().grids().stream().map(Grid::street).distinct().toList());
        LocalDate today = LocalDate.now(CityTime.ZONE);
        String street = city.registry().grids().iterator().next().street();
        DemoScreen screen = new DemoScreen(out, terminal,
                List.of("", "模拟城市 " + city.registry().size() + " 个网格（" + streets + "），近" + DAYS + "天 " + city.events().size()
                        + " 条事件，注入 " + city.scenarios().size() + " 个风险场景；Elasticsearch " + esUrl),
                List.of("", "Try:  curl '" + esUrl + "/gridwatch-alerts/_search?pretty&size=3'",
                        "      ./gridwatch alerts --elasticsearch " + esUrl,
                        "      ./gridwatch trends --street " + street + " --from " + today.minusDays(DAYS) + " --to " + today
                                + " --elasticsearch " + esUrl,
                        duration == null ? "Ctrl-C to stop." : "Stops after " + duration.toSeconds() + " s (Ctrl-C to stop now)."));
        AtomicLong sent = new AtomicLong();
        double speed = (double) Duration.ofDays(DAYS).toMillis() / feedTime.toMillis();
        try (KafkaFeed feed = new KafkaFeed(kafka, "gridwatch.complaints", "gridwatch.patrols")) {
            // Two records that are not events, to show the dead-letter topic at work.
            feed.sendRaw("{\"eventId\": \"broken".getBytes(StandardCharsets.UTF_8));
            feed.sendRaw("{\"eventId\":\"DEMO-BAD-2\",\"type\":\"complaint\",\"gridId\":\"G-NOWHERE\"}".getBytes(StandardCharsets.UTF_8));
            Thread feeder = new Thread(() -> {
                try {
                    feed.feed(city.deliveries(), KafkaFeed.Pace.compress(speed), sent::set, () -> stopRequested.getCount() == 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "demo-feed");
            feeder.start();
            Instant end = duration == null ? Instant.MAX : start.plus(duration);
            long before = 0;
            long heartbeat = 0;
            while (Instant.now().isBefore(end) && !job.getJobExecutionResult().isDone()) {
                screen.add(watcher.newAlerts());
                long now = sent.get();
                screen.show(status(now, city.events().size(), now - before, job));
                before = now;
                if (!feeder.isAlive()) {
                    // Patrols "now" keep event time moving, so the last windows close and deadlines pass.
                    for (Grid grid : city.registry().grids()) {
                        feed.send(new Patrol("DEMO-HB-" + (++heartbeat), grid.gridId(), "W-" + grid.gridId(),
                                Instant.now(), PatrolKind.INSPECTION, null, List.of(), null));
                    }
                }
                if (stopRequested.await(1, TimeUnit.SECONDS)) {
                    break;
                }
            }
            feeder.join(5_000);
            if (job.getJobExecutionResult().isCompletedExceptionally()) {
                job.getJobExecutionResult().get(); // rethrows the job's failure
            }
            screen.add(watcher.newAlerts());
            screen.showFinal(status(sent.get(), city.events().size(), 0, job));
        }
    }

    private static String status(long sent, int total, long perSecond, JobClient job) throws Exception {
        int width = 30, done = (int) (width * sent / Math.max(1, total));
        return String.format("Feed [%s%s] %d/%d events · %d events/s · job %s", "=".repeat(done), " ".repeat(width - done),
                sent, total, perSecond, job.getJobStatus().get(5, TimeUnit.SECONDS));
    }

    /** Ctrl-C: ask the demo to stop, then keep the JVM alive until it has shut the services down. */
    private void stopFromSignal() {
        stopRequested.countDown();
        try {
            stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
