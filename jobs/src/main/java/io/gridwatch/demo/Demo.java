package io.gridwatch.demo;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.config.JobConfig;
import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.embedded.EmbeddedKafka;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.sink.elasticsearch.ElasticsearchClients;
import io.gridwatch.sink.elasticsearch.IndexTemplates;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import io.gridwatch.config.GridWatchOptions;
import org.apache.flink.configuration.ConfigOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * The live demo: real Kafka and Elasticsearch started locally, the early-warning job on a local Flink MiniCluster,
 * a generated week of events fed through Kafka, and each alert printed as soon as it is searchable.
 */
public final class Demo {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final List<String> TOPICS =
            GridWatchOptions.TOPICS.stream().map(ConfigOption::defaultValue).toList();

    private final PrintStream out;
    private final Duration duration;
    private final Duration feedTime;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param duration how long to run; {@code null} runs until Ctrl-C
     * @param feedTime the wall-clock time over which the generated week is fed
     */
    public Demo(PrintStream out, Duration duration, Duration feedTime) {
        this.out = out;
        this.duration = duration;
        this.feedTime = feedTime;
    }

    public void run() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopFromSignal, "demo-shutdown"));
        out.println("GridWatch 网格预警演示 — starting real services on this machine");
        out.print("  Kafka (KRaft broker, in process) ... ");
        try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
            out.println(kafka.bootstrapServers());
            kafka.createTopics(TOPICS, 2);
            out.print("  Elasticsearch 7.17 (server process) ... ");
            try (EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.launch();
                    RestHighLevelClient client = ElasticsearchClients.create(List.of(URI.create(elasticsearch.url())))) {
                out.println(elasticsearch.url());
                IndexTemplates.apply(client.getLowLevelClient());
                JobClient job = startJob(kafka, elasticsearch);
                out.println("  Flink early-warning job (local MiniCluster, parallelism 2) ... " + job.getJobID());
                try {
                    feedAndWatch(kafka, new AlertWatcher(client), job, elasticsearch.url());
                } finally {
                    out.println("Stopping ...");
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            out.println("Stopped. Kafka and Elasticsearch data were temporary and are gone.");
            stopped.countDown();
        }
    }

    private JobClient startJob(EmbeddedKafka kafka, EmbeddedElasticsearch elasticsearch) throws Exception {
        JobConfig config = JobConfig.fromMap(Map.of(
                "kafka.bootstrap-servers", kafka.bootstrapServers(),
                "elasticsearch.hosts", elasticsearch.url(),
                "elasticsearch.bulk.flush-interval", "500 ms",
                // The feed compresses a week into seconds, in event-time order. Its partitions must not count as idle
                // while it runs, or their watermarks would jump to the wall clock and the rest of the week be late.
                "events.max-out-of-orderness", "1 min",
                "events.idle-timeout", "1 min",
                "checkpoint.interval", "5 s"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        EarlyWarningJob.build(env, config);
        return env.executeAsync(EarlyWarningJob.JOB_NAME);
    }

    private void feedAndWatch(EmbeddedKafka kafka, AlertWatcher watcher, JobClient job, String elasticsearchUrl)
            throws Exception {
        Instant start = Instant.now();
        DemoFeed feed = new DemoFeed(GridRegistry.sample(), start, 42);
        List<GridEvent> history = feed.history();
        out.printf("Feeding one week of events (%d) for the sample street's 6 grids over %d s, with 2 bad records;%n",
                history.size(), feedTime.toSeconds());
        out.println("alerts appear below as they become searchable in Elasticsearch:");
        out.println();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (byte[] bad : DemoFeed.badRecords()) {
                producer.send(new ProducerRecord<>("gridwatch.complaints", bad));
            }
            long pause = feedTime.toMillis() / history.size();
            int sent = 0;
            for (GridEvent event : history) {
                send(producer, event);
                if (++sent % 10 == 0) {
                    printNew(watcher);
                }
                if (stopRequested.await(pause, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            producer.flush();
            out.println();
            out.println("Feed complete. Query the alerts yourself:");
            out.println("  curl '" + elasticsearchUrl + "/gridwatch-alerts/_search?pretty'");
            out.println(duration == null ? "Press Ctrl-C to stop." : "Stopping after " + duration.toSeconds() + " s.");
            out.println();
            Instant end = duration == null ? Instant.MAX : start.plus(duration);
            while (Instant.now().isBefore(end) && !job.getJobExecutionResult().isDone()) {
                // Patrols "now" keep event time moving, so the last events' windows close.
                for (Grid grid : GridRegistry.sample().grids()) {
                    send(producer, feed.heartbeat(grid.gridId(), Instant.now()));
                }
                printNew(watcher);
                if (stopRequested.await(1, TimeUnit.SECONDS)) {
                    return;
                }
            }
            if (job.getJobExecutionResult().isCompletedExceptionally()) {
                job.getJobExecutionResult().get(); // rethrows the job's failure
            }
            printNew(watcher);
            out.printf("%d alerts raised.%n", watcher.seenCount());
        }
    }

    private void printNew(AlertWatcher watcher) throws Exception {
        for (Alert alert : watcher.newAlerts()) {
            out.printf("[%s] %s %-17s %s%n", LocalTime.now().format(CLOCK), alert.alertId(), alert.gridId(), alert.message());
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, GridEvent event) {
        String topic = event instanceof Complaint ? "gridwatch.complaints" : "gridwatch.patrols";
        // Keyed by grid: one grid's events stay in order on one partition.
        producer.send(new ProducerRecord<>(topic, event.gridId(), EventCodec.encode(event)));
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5));
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
