package io.gridwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.config.JobConfig;
import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.embedded.EmbeddedKafka;
import io.gridwatch.embedded.ThrowawayKeys;
import io.gridwatch.job.EarlyWarningJob;
import io.gridwatch.simulate.KafkaFeed;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;

/**
 * End to end: {@link SyntheticLoad} → Kafka → the whole early-warning job (parallelism 2, every sink) → Elasticsearch,
 * on the embedded broker and the real Elasticsearch server, all on this machine.
 *
 * <p>The load is a history compressed in time: each grid sees {@value SyntheticLoad#EVENTS_PER_GRID_DAY} events per day of event
 * time, as a busy grid does, while the feed sends them at a fixed wall-clock rate. A run is sustained when the job
 * indexes every event soon after the feed ends; the rate it reports is events over feed time plus the time it took to
 * drain. Alert latency is the time from the moment the input that made an alert due entered Kafka — the first event
 * at or after the alert's {@code createdAt} plus the out-of-orderness the watermark waits for — to the moment the
 * alert is searchable, polled every {@value #POLL_MILLIS} ms (the {@value #NEWEST} newest alerts by {@code createdAt},
 * so that polling does not load Elasticsearch). The maximum rate comes from a flood: events sent as fast
 * as the producer can, far faster than the job takes them, over the time until all are indexed.
 */
final class EndToEnd {

    static final long POLL_MILLIS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Alerts fetched per poll, newest by {@code createdAt}: far more than appear within one poll. */
    static final int NEWEST = 1_000;
    /** The job's default: alert latency is measured with the lateness settings a deployment starts with. */
    static final Duration OUT_OF_ORDERNESS = GridWatchOptions.MAX_OUT_OF_ORDERNESS.defaultValue();

    private final EmbeddedKafka kafka;
    private final EmbeddedElasticsearch elasticsearch;
    private final RestHighLevelClient client;
    private final GridRegistry registry;
    private final Path registryCsv;
    private int runs;

    EndToEnd(EmbeddedKafka kafka, EmbeddedElasticsearch elasticsearch, RestHighLevelClient client,
            GridRegistry registry, Path registryCsv) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.client = client;
        this.registry = registry;
        this.registryCsv = registryCsv;
    }

    record Result(double eventsPerSecond, Latencies latency, long alerts) {}

    /**
     * A flood's rate and the CPU it took: Elasticsearch's processes, and this JVM — the job, the embedded Kafka broker
     * and the feed.
     */
    record Flood(double eventsPerSecond, Duration elasticsearchCpu, Duration jobAndKafkaCpu) {}

    /** Feeds {@code rate} events per second for {@code feedTime} into a running job. */
    Result atRate(double rate, Duration feedTime) throws Exception {
        long count = Math.round(rate * feedTime.toSeconds());
        Run run = new Run(count);
        JobClient job = run.start();
        try {
            AlertPoller poller = new AlertPoller();
            Thread polling = new Thread(poller, "bench-alert-poller");
            polling.start();
            long start = System.nanoTime();
            try (KafkaFeed feed = run.feed()) {
                for (long i = 0; i < count; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    run.sent[(int) i] = System.nanoTime();
                    feed.send(run.event(i));
                }
            }
            awaitIndexed(count, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2 * POLL_MILLIS + 1000); // alerts due at the end of input, and one more refresh
            poller.stop();
            polling.join();
            return new Result(count / seconds, run.latencies(poller.firstSeen()), poller.firstSeen().size());
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code count} events as fast as the producer can, far faster than the job: until all are indexed. */
    Flood flood(long count) throws Exception {
        Run run = new Run(count);
        JobClient job = run.start();
        try {
            long start = System.nanoTime();
            long jvmCpuAtStart = CpuClock.processCpuNanos();
            Duration elasticsearchCpuAtStart = elasticsearch.cpuTime();
            try (KafkaFeed feed = run.feed()) {
                for (long i = 0; i < count; i++) {
                    feed.send(run.event(i));
                }
            }
            awaitIndexed(count, Duration.ofMinutes(15));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Flood(count / seconds, elasticsearch.cpuTime().minus(elasticsearchCpuAtStart),
                    Duration.ofNanos(CpuClock.processCpuNanos() - jvmCpuAtStart));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** One job on its own topics over one load; the indices are emptied first. */
    private final class Run {
        final long count;
        final long[] sent;
        final String prefix = "e2e" + (++runs);
        final SyntheticLoad load = new SyntheticLoad(registry);
        final Duration span;

        Run(long count) throws IOException {
            this.count = count;
            this.sent = new long[(int) count];
            this.span = load.spanOf(count);
            // The index templates stay: each index is created again by its first document.
            client.indices().delete(new DeleteIndexRequest(Indices.EVENTS, Indices.ALERTS)
                    .indicesOptions(IndicesOptions.lenientExpandOpen()), RequestOptions.DEFAULT);
            kafka.createTopics(topics().values(), 2);
        }

        Map<String, String> topics() {
            Map<String, String> topics = new HashMap<>();
            for (String kind : List.of("complaints", "patrols", "alerts", "deadletter", "rules", "silences", "lifecycle")) {
                topics.put("kafka.topic." + kind, prefix + "." + kind);
            }
            return topics;
        }

        io.gridwatch.common.event.GridEvent event(long index) {
            return load.event(index, count, DetectorThroughput.START, span);
        }

        KafkaFeed feed() {
            return new KafkaFeed(kafka.bootstrapServers(), prefix + ".complaints", prefix + ".patrols");
        }

        JobClient start() throws Exception {
            Map<String, String> settings = new HashMap<>(topics());
            settings.putAll(Map.of(
                    "kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "kafka.group-id", prefix,
                    "elasticsearch.hosts", elasticsearch.url(),
                    "registry.path", registryCsv.toString(),
                    // a compressed history: partitions must not count as idle and jump to the wall clock
                    "events.idle-timeout", "1 h",
                    "events.max-age", "3650 d"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            EarlyWarningJob.build(env, JobConfig.fromMap(settings, ThrowawayKeys.environment()));
            JobClient job = env.executeAsync("GridWatch benchmark end to end");
            awaitReading();
            return job;
        }

        /** Until a record that is not an event has gone through to the dead-letter topic: the job is reading. */
        private void awaitReading() {
            try (KafkaFeed feed = feed(); KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, prefix + "-bench",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
                feed.sendRaw("not an event: the benchmark's start signal".getBytes(StandardCharsets.UTF_8));
                consumer.subscribe(List.of(prefix + ".deadletter"));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the job did not start reading within 2 minutes");
                    }
                }
            }
        }

        /** Latency of each alert: first seen minus when the input that made it due was sent. */
        Latencies latencies(Map<String, long[]> firstSeen) {
            List<Long> latencies = new ArrayList<>();
            long spanMillis = span.toMillis();
            for (long[] seen : firstSeen.values()) {
                long dueAt = seen[1] + OUT_OF_ORDERNESS.toMillis() - DetectorThroughput.START.toEpochMilli();
                long index = Math.max(0, (long) Math.ceil((double) dueAt * count / spanMillis));
                if (index < count && sent[(int) index] > 0) {
                    latencies.add(seen[0] - sent[(int) index]);
                }
            }
            return Latencies.of(latencies);
        }
    }

    private void awaitIndexed(long count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (indexedEvents() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + indexedEvents() + " of " + count + " events indexed after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Event documents Elasticsearch has indexed, searchable or not: the index operations its event indices have
     * executed, so the measure does not wait for their refresh interval. (Every event is indexed once: the job drops
     * duplicates and the run has no restarts.)
     */
    private long indexedEvents() throws IOException {
        Response response = client.getLowLevelClient().performRequest(new Request("GET",
                "/" + Indices.EVENTS + "/_stats/indexing?filter_path=_all.primaries.indexing.index_total"));
        JsonNode total = JSON.readTree(response.getEntity().getContent())
                .at("/_all/primaries/indexing/index_total");
        return total.asLong(0); // no event index yet
    }

    /** Polls the alerts index and notes when each alert was first seen (nanoTime) and its createdAt (epoch ms). */
    private final class AlertPoller implements Runnable {
        private final Map<String, long[]> firstSeen = new HashMap<>();
        private volatile boolean running = true;

        @Override
        public void run() {
            // The newest alerts only: fetching all of them at every poll would load Elasticsearch more than the job.
            SearchRequest request = new SearchRequest(Indices.ALERTS).source(new SearchSourceBuilder()
                    .size(NEWEST).sort("createdAt", SortOrder.DESC)
                    .fetchSource(new String[] {"alertId", "createdAt"}, null));
            while (running) {
                try {
                    SearchResponse response = client.search(request, RequestOptions.DEFAULT);
                    long now = System.nanoTime();
                    synchronized (firstSeen) {
                        for (SearchHit hit : response.getHits().getHits()) {
                            firstSeen.computeIfAbsent(hit.getId(), id -> new long[] {now,
                                    Instant.parse((String) hit.getSourceAsMap().get("createdAt")).toEpochMilli()});
                        }
                    }
                    Thread.sleep(POLL_MILLIS);
                } catch (IOException | RuntimeException e) {
                    // the index appears with the first alert
                    sleepQuietly();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        Map<String, long[]> firstSeen() {
            synchronized (firstSeen) {
                return new HashMap<>(firstSeen);
            }
        }

        private void sleepQuietly() {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
