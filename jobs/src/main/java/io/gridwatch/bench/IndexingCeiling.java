package io.gridwatch.bench;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.EventDocuments;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * The other ceiling: how fast this machine's Elasticsearch indexes the job's event documents — the same documents the
 * job writes, in bulks of 1,000 with as many requests in flight as the job's sink has by default, nothing else
 * running. Every valid event becomes one document, so an end-to-end rate above this cannot be sustained here.
 */
final class IndexingCeiling {

    static final int BULK_SIZE = 1_000;
    static final int IN_FLIGHT = GridWatchOptions.ELASTICSEARCH_BULK_MAX_IN_FLIGHT.defaultValue();

    private final RestHighLevelClient client;

    IndexingCeiling(RestHighLevelClient client) {
        this.client = client;
    }

    /** Events per second indexing {@code events} of {@code load}; the event indices are emptied before and after. */
    double measure(GridRegistry registry, long events) throws IOException, InterruptedException {
        SyntheticLoad load = new SyntheticLoad(registry);
        EventDocuments documents = new EventDocuments(registry);
        Duration span = load.spanOf(events);
        clear();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<String> failure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Document> bulk = new ArrayList<>();
        for (long i = 0; i < events && failure.get() == null; i++) {
            bulk.add(documents.toDocument(new Arrival(load.event(i, events, DetectorThroughput.START, span), false)));
            if (bulk.size() == BULK_SIZE || i == events - 1) {
                inFlight.acquire();
                client.bulkAsync(Document.bulkOf(bulk), RequestOptions.DEFAULT, new ActionListener<>() {
                    @Override
                    public void onResponse(BulkResponse response) {
                        if (response.hasFailures()) {
                            failure.compareAndSet(null, response.buildFailureMessage());
                        }
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(Exception e) {
                        failure.compareAndSet(null, e.toString());
                        inFlight.release();
                    }
                });
                bulk = new ArrayList<>();
            }
        }
        inFlight.acquire(IN_FLIGHT);
        double perSecond = events / ((System.nanoTime() - start) / 1e9);
        if (failure.get() != null) {
            throw new IOException("Elasticsearch refused documents: " + failure.get());
        }
        clear();
        return perSecond;
    }

    private void clear() throws IOException {
        client.indices().delete(new DeleteIndexRequest(Indices.EVENTS)
                .indicesOptions(IndicesOptions.lenientExpandOpen()), RequestOptions.DEFAULT);
    }
}
