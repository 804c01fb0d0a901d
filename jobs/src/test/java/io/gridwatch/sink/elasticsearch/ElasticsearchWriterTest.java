package io.gridwatch.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink's writer against the real Elasticsearch: batching, timed flushes, rejections and outages. */
@ExtendWith(SharedServices.class)
@Tag("services")
class ElasticsearchWriterTest {

    private final String index = "test-writer-" + UUID.randomUUID().toString().substring(0, 8);
    private final ManualTimers timers = new ManualTimers();
    private RestHighLevelClient reader;

    @BeforeEach
    void connect() {
        reader = client();
    }

    @AfterEach
    void disconnect() throws IOException {
        reader.close();
    }

    @Test
    void sendsABulkRequestWhenTheBufferIsFull() throws Exception {
        try (ElasticsearchWriter<String> writer = writer(2, 1, Duration.ofHours(1), Duration.ofMinutes(1))) {
            writer.write("a", null);
            assertThat(count()).isZero();

            writer.write("b", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> count() == 2);
        }
    }

    @Test
    void sendsWhatWaitedForTheFlushInterval() throws Exception {
        try (ElasticsearchWriter<String> writer = writer(100, 2, Duration.ofSeconds(1), Duration.ofMinutes(1))) {
            writer.write("a", null);
            assertThat(count()).isZero();

            timers.fireAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> count() == 1);
        }
    }

    @Test
    void keepsEachDocumentsWritesInOrderWhileRequestsOverlap() throws Exception {
        DocumentMapper<String> versions = write -> {
            String[] idAndVersion = write.split("@");
            return new Document(index, idAndVersion[0],
                    ("{\"version\":" + idAndVersion[1] + "}").getBytes(StandardCharsets.UTF_8));
        };
        int ids = 20;
        int versionsEach = 50;
        try (ElasticsearchWriter<String> writer = new ElasticsearchWriter<>(client(), versions,
                new BulkSettings(7, 4, Duration.ofHours(1), Duration.ofMinutes(1)), NONE_EXPECTED, timers,
                new UnregisteredMetricsGroup())) {
            for (int version = 1; version <= versionsEach; version++) {
                for (int id = 0; id < ids; id++) {
                    writer.write("doc" + id + "@" + version, null);
                }
            }
            writer.flush(false);
        }
        for (int id = 0; id < ids; id++) {
            assertThat(reader.get(new GetRequest(index, "doc" + id), RequestOptions.DEFAULT).getSource())
                    .as("doc%d holds its last write", id)
                    .containsEntry("version", versionsEach);
        }
    }

    @Test
    void sendsEverythingOnFlushAndOverwritesByIdOnReplay() throws Exception {
        try (ElasticsearchWriter<String> writer = writer(100, 2, Duration.ofHours(1), Duration.ofMinutes(1))) {
            for (String id : List.of("a", "b", "c", "a", "b")) {
                writer.write(id, null);
            }
            writer.flush(false);
        }
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void countsADocumentRejectedForItsContentAndIndexesTheRest() throws Exception {
        DocumentMapper<String> mapper = id -> new Document(index, id,
                (id.equals("bad") ? "{\"n\":\"not a number\"}" : "{\"n\":1}").getBytes(StandardCharsets.UTF_8));
        String deadLetters = "writer-deadletter-" + index;
        SharedServices.kafka().createTopics(List.of(deadLetters), 1);
        ElasticsearchWriter<String> writer = new ElasticsearchWriter<>(
                client(), mapper, new BulkSettings(100, 2, Duration.ofHours(1), Duration.ofMinutes(1)),
                new KafkaRejectedDocuments(bootstrap(), deadLetters), timers,
                new UnregisteredMetricsGroup());
        try (writer) {
            writer.write("good", null);
            writer.flush(false); // maps n as a number
            writer.write("bad", null);
            writer.write("good2", null);
            writer.flush(false);
        }
        assertThat(count()).isEqualTo(2);
        assertThat(writer.rejectedCount()).isEqualTo(1);
        List<ConsumerRecord<byte[], byte[]>> letters = new KafkaTestClient(SharedServices.kafka().bootstrapServers())
                .readAll(deadLetters, 1, Duration.ofSeconds(30));
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":\"not a number\"}");
            assertThat(new String(letter.headers().lastHeader("gridwatch.reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("rejected_by_elasticsearch");
            assertThat(new String(letter.headers().lastHeader("gridwatch.detail").value(), StandardCharsets.UTF_8))
                    .contains("mapper_parsing_exception");
            assertThat(new String(letter.headers().lastHeader("gridwatch.origin").value(), StandardCharsets.UTF_8))
                    .isEqualTo(index + "/bad");
        });
    }

    @Test
    void waitsOutAnElasticsearchOutageAndLosesNothing() throws Exception {
        try (ElasticsearchWriter<String> writer = writer(100, 2, Duration.ofHours(1), Duration.ofMinutes(2))) {
            writer.write("before-outage", null);
            SharedServices.elasticsearch().stop();
            CompletableFuture<Void> flushed;
            try {
                flushed = CompletableFuture.runAsync(() -> {
                    try {
                        writer.flush(false);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // Signalled by the writer: it has tried again twice and is still waiting.
                await().atMost(Duration.ofMinutes(1)).until(() -> writer.retryCount() >= 2);
                assertThat(flushed).as("the flush waits while Elasticsearch is down").isNotDone();
            } finally {
                SharedServices.elasticsearch().start();
            }
            flushed.get();
        }
        assertThat(reader.get(new GetRequest(index, "before-outage"), RequestOptions.DEFAULT).isExists()).isTrue();
    }

    @Test
    void failsAfterTheMaximumRetryTime() throws Exception {
        RestHighLevelClient unreachable = ElasticsearchAccess.open(List.of(URI.create("http://127.0.0.1:9"))).client();
        try (ElasticsearchWriter<String> writer = new ElasticsearchWriter<>(
                unreachable, this::document, new BulkSettings(100, 2, Duration.ofHours(1), Duration.ofSeconds(1)),
                NONE_EXPECTED, timers, new UnregisteredMetricsGroup())) {
            writer.write("a", null);
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("gave up after PT1S")
                    .hasMessageContaining("Elasticsearch unreachable");
        }
    }

    private ElasticsearchWriter<String> writer(
            int maxActions, int maxInFlight, Duration flushInterval, Duration maxRetryTime) {
        return new ElasticsearchWriter<>(client(), this::document,
                new BulkSettings(maxActions, maxInFlight, flushInterval, maxRetryTime), NONE_EXPECTED, timers,
                new UnregisteredMetricsGroup());
    }

    private Document document(String id) {
        return new Document(index, id, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private long count() throws IOException {
        try {
            reader.indices().refresh(new RefreshRequest(index), RequestOptions.DEFAULT);
        } catch (org.elasticsearch.ElasticsearchStatusException e) {
            return 0; // the index does not exist yet
        }
        return reader.search(new SearchRequest(index), RequestOptions.DEFAULT).getHits().getTotalHits().value;
    }

    private static RestHighLevelClient client() {
        return ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client();
    }

    /** For tests whose documents are all valid: a rejection fails the test. */
    static final RejectedDocuments NONE_EXPECTED = new RejectedDocuments() {
        @Override
        public void rejected(Document document, String reason) {
            throw new AssertionError("unexpected rejection of " + document.id() + ": " + reason);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** Processing-time timers that fire when the test says so. */
    static final class ManualTimers implements ProcessingTimeService {
        private final Map<Long, ProcessingTimeCallback> due = new TreeMap<>();

        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            due.put(timestamp, callback);
            return null;
        }

        void fireAll() throws Exception {
            for (Map.Entry<Long, ProcessingTimeCallback> timer : Map.copyOf(due).entrySet()) {
                due.remove(timer.getKey());
                timer.getValue().onProcessingTime(timer.getKey());
            }
        }
    }


    private static java.util.Properties bootstrap() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("bootstrap.servers", SharedServices.kafka().bootstrapServers());
        return properties;
    }
}
