package io.gridwatch.sink.elasticsearch;

import java.net.URI;
import java.util.List;
import org.elasticsearch.client.RestHighLevelClient;

/** Creates clients for the configured Elasticsearch hosts. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {}

    /** A client of {@code hosts} without authentication. */
    public static RestHighLevelClient create(List<URI> hosts) {
        return ElasticsearchAccess.open(hosts).client();
    }
}
