package io.gridwatch.sink.elasticsearch;

import io.gridwatch.common.privacy.Masking;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;
import org.elasticsearch.ElasticsearchException;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.rest.RestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers documents and sends them in bulk requests, several in flight at once, so that Elasticsearch is never idle
 * while the job waits for an answer.
 *
 * <p>Documents are routed by index and id to one of {@link BulkSettings#maxInFlight()} lanes; each lane has its own
 * buffer and at most one request in flight, so the writes of one document reach Elasticsearch in the order they were
 * made (an alert's later update never overtakes its creation) while the lanes' requests overlap. A lane sends its
 * buffer when it is full, when the oldest buffered document has waited {@link BulkSettings#flushInterval()}, and
 * before every checkpoint, which completes only when every lane's requests are acknowledged.
 *
 * <p>A lane whose request is still in flight blocks the task when it must send again: a slow or unavailable
 * Elasticsearch backpressures the job instead of filling memory. Items that fail with 429 or 5xx, and whole requests
 * that fail with them or with a lost connection, are retried with exponential backoff for up to
 * {@link BulkSettings#maxRetryTime()}; a request that still fails fails the writer at its next write or flush. Items
 * Elasticsearch rejects for their content (other 4xx) cannot succeed on retry: they go to {@link RejectedDocuments}
 * (the dead-letter topic), are logged, and are counted in {@code gridwatch.elasticsearch.rejected}; the job goes on.
 */
final class ElasticsearchWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);

    private final RestHighLevelClient client;
    private final DocumentMapper<T> mapper;
    private final BulkSettings settings;
    private final ProcessingTimeService timers;
    private final Counter indexed;
    private final Counter rejected;
    private final Counter retries;
    private final RejectedDocuments rejections;
    private final List<Lane> lanes = new ArrayList<>();
    private final ExecutorService senders;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean flushScheduled;

    ElasticsearchWriter(
            RestHighLevelClient client,
            DocumentMapper<T> mapper,
            BulkSettings settings,
            RejectedDocuments rejections,
            ProcessingTimeService timers,
            MetricGroup metrics) {
        this.client = client;
        this.mapper = mapper;
        this.settings = settings;
        this.rejections = rejections;
        this.timers = timers;
        MetricGroup group = metrics.addGroup("gridwatch").addGroup("elasticsearch");
        // Counted by the lanes' threads.
        this.indexed = group.counter("indexed", new ThreadSafeSimpleCounter());
        this.rejected = group.counter("rejected", new ThreadSafeSimpleCounter());
        this.retries = group.counter("retries", new ThreadSafeSimpleCounter());
        for (int i = 0; i < settings.maxInFlight(); i++) {
            lanes.add(new Lane());
        }
        this.senders = Executors.newFixedThreadPool(
                settings.maxInFlight(), new ExecutorThreadFactory("gridwatch-elasticsearch-bulk"));
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        Document document = mapper.toDocument(element);
        Lane lane = lanes.get(Math.floorMod(31 * document.index().hashCode() + document.id().hashCode(), lanes.size()));
        lane.pending.add(document);
        if (lane.pending.size() >= settings.maxActions()) {
            lane.send();
        } else if (!flushScheduled) {
            flushScheduled = true;
            long due = timers.getCurrentProcessingTime() + settings.flushInterval().toMillis();
            timers.registerTimer(due, time -> {
                flushScheduled = false;
                sendAll();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendAll();
        for (Lane lane : lanes) {
            lane.awaitIdle();
        }
        throwIfFailed();
        // Dead letters must be durable before the checkpoint that forgets their documents completes.
        synchronized (rejections) {
            rejections.flush();
        }
    }

    private void sendAll() throws IOException, InterruptedException {
        for (Lane lane : lanes) {
            if (!lane.pending.isEmpty()) {
                lane.send();
            }
        }
    }

    private void throwIfFailed() throws IOException {
        Throwable failed = failure.get();
        if (failed != null) {
            throw failed instanceof IOException io ? io : new IOException(failed.getMessage(), failed);
        }
    }

    /** A buffer and at most one bulk request in flight; the task fills it, a sender thread sends it. */
    private final class Lane {
        private final Semaphore idle = new Semaphore(1);
        private List<Document> pending = new ArrayList<>();

        /** Hands the buffer to a sender once this lane's previous request is done. */
        void send() throws IOException, InterruptedException {
            throwIfFailed();
            idle.acquire();
            List<Document> documents = pending;
            pending = new ArrayList<>();
            senders.execute(() -> {
                try {
                    ElasticsearchWriter.this.send(documents);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    idle.release();
                }
            });
        }

        void awaitIdle() throws InterruptedException {
            idle.acquire();
            idle.release();
        }
    }

    private void send(List<Document> documents) throws IOException, InterruptedException {
        Instant giveUpAt = Instant.now().plus(settings.maxRetryTime());
        Duration backoff = BulkSettings.FIRST_BACKOFF;
        while (true) {
            String problem;
            try {
                BulkResponse response = client.bulk(Document.bulkOf(documents), RequestOptions.DEFAULT);
                documents = retryableItems(documents, response);
                if (documents.isEmpty()) {
                    return;
                }
                problem = documents.size() + " documents were refused for now";
            } catch (ElasticsearchStatusException e) {
                if (!isRetryable(e.status())) {
                    throw new IOException("Elasticsearch refused a bulk request: " + e.getMessage(), e);
                }
                problem = "bulk request refused with " + e.status().getStatus();
            } catch (IOException e) {
                problem = "Elasticsearch unreachable: " + e.getMessage();
            } catch (ElasticsearchException e) {
                // The client wraps a refused or lost connection in an unchecked exception.
                if (!(ExceptionUtils.findThrowable(e, IOException.class).isPresent())) {
                    throw e;
                }
                problem = "Elasticsearch unreachable: " + ExceptionUtils.findThrowable(e, IOException.class).get();
            }
            if (Instant.now().plus(backoff).isAfter(giveUpAt)) {
                throw new IOException("gave up after " + settings.maxRetryTime() + ": " + problem);
            }
            LOG.warn("{}; retrying in {} ms", problem, backoff.toMillis());
            retries.inc();
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(BulkSettings.MAX_BACKOFF) > 0
                    ? BulkSettings.MAX_BACKOFF
                    : backoff.multipliedBy(2);
        }
    }

    /**
     * Counts what succeeded, dead-letters what cannot succeed (rejected for its content), and returns what is worth
     * sending again.
     */
    private List<Document> retryableItems(List<Document> documents, BulkResponse response) {
        List<Document> retry = new ArrayList<>();
        BulkItemResponse[] items = response.getItems();
        for (int i = 0; i < items.length; i++) {
            BulkItemResponse item = items[i];
            if (!item.isFailed()) {
                indexed.inc();
            } else if (isRetryable(item.getFailure().getStatus())) {
                retry.add(documents.get(i));
            } else {
                rejected.inc();
                LOG.error("Elasticsearch rejected document {}/{}: {}", item.getIndex(), item.getId(),
                        Masking.text(item.getFailureMessage())); // it may quote the field's value
                synchronized (rejections) {
                    rejections.rejected(documents.get(i), item.getFailureMessage());
                }
            }
        }
        return retry;
    }

    /** Documents Elasticsearch refused for their content so far. */
    long rejectedCount() {
        return rejected.getCount();
    }

    /** Times a bulk request or some of its items were tried again so far. */
    long retryCount() {
        return retries.getCount();
    }

    private static boolean isRetryable(RestStatus status) {
        return status == RestStatus.TOO_MANY_REQUESTS || status.getStatus() >= 500;
    }

    @Override
    public void close() throws IOException {
        senders.shutdownNow();
        try {
            rejections.close();
        } finally {
            client.close();
        }
    }
}
