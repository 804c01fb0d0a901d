package io.gridwatch.sink.elasticsearch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink Sink V2 that indexes elements into Elasticsearch with bulk requests on the high-level REST client (there
 * is no Flink Elasticsearch connector for Flink 2.x).
 *
 * <p>Delivery is at least once: the writer flushes its buffer before every checkpoint, so a checkpoint completes
 * only when Elasticsearch has acknowledged every document before it. Documents have deterministic ids, so what is
 * re-sent after a restart overwrites itself and the index holds each document once.
 */
public final class ElasticsearchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final List<URI> hosts;
    private final DocumentMapper<T> mapper;
    private final BulkSettings settings;
    private final RejectedDocuments rejections;

    public ElasticsearchSink(
            List<URI> hosts, DocumentMapper<T> mapper, BulkSettings settings, RejectedDocuments rejections) {
        this.hosts = new ArrayList<>(hosts);
        this.mapper = mapper;
        this.settings = settings;
        this.rejections = rejections;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ElasticsearchWriter<>(
                ElasticsearchClients.create(hosts),
                mapper,
                settings,
                rejections,
                context.getProcessingTimeService(),
                context.metricGroup());
    }
}
