package io.gridwatch.sink.elasticsearch;

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

    private final ElasticsearchAccess access;
    private final DocumentMapper<T> mapper;
    private final BulkSettings settings;
    private final RejectedDocuments rejections;

    public ElasticsearchSink(
            ElasticsearchAccess access, DocumentMapper<T> mapper, BulkSettings settings, RejectedDocuments rejections) {
        this.access = access;
        this.mapper = mapper;
        this.settings = settings;
        this.rejections = rejections;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ElasticsearchWriter<>(
                access.client(),
                mapper,
                settings,
                rejections,
                context.getProcessingTimeService(),
                context.metricGroup());
    }
}
