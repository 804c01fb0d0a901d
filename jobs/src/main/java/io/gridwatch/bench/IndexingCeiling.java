package io.gridwatch.bench;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.EventDocuments;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.time.Duration;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.xcontent.XContentType;

/**
 * The other ceiling: how fast this machine's Elasticsearch indexes the job's event documents — the same documents the
 * job writes, in bulks of 1,000 from one thread, nothing else running. Every valid event becomes one document, so an
 * end-to-end rate above this cannot be sustained here.
 */
final class IndexingCeiling {

    private final RestHighLevelClient client;

    IndexingCeiling(RestHighLevelClient client) {
        this.client = client;
    }

    /** Events per second indexing {@code events} of {@code load}; the event indices are emptied before and after. */
    double measure(GridRegistry registry, long events) throws IOException {
        SyntheticLoad load = new SyntheticLoad(registry);
        EventDocuments documents = new EventDocuments(registry);
        Duration span = load.spanOf(events);
        clear();
        long start = System.nanoTime();
        BulkRequest bulk = new BulkRequest();
        for (long i = 0; i < events; i++) {
            Document document = documents.toDocument(
                    new Arrival(load.event(i, events, DetectorThroughput.START, span), false));
            bulk.add(new IndexRequest(document.index()).id(document.id()).source(document.json(), XContentType.JSON));
            if (bulk.numberOfActions() == 1_000 || i == events - 1) {
                BulkResponse response = client.bulk(bulk, RequestOptions.DEFAULT);
                if (response.hasFailures()) {
                    throw new IOException("Elasticsearch refused documents: " + response.buildFailureMessage());
                }
                bulk = new BulkRequest();
            }
        }
        double perSecond = events / ((System.nanoTime() - start) / 1e9);
        clear();
        return perSecond;
    }

    private void clear() throws IOException {
        client.indices().delete(new DeleteIndexRequest(Indices.EVENTS)
                .indicesOptions(IndicesOptions.lenientExpandOpen()), RequestOptions.DEFAULT);
    }
}
