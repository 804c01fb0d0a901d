package io.gridwatch.sink.elasticsearch;

import java.net.URI;
import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;

/** Creates clients for the configured Elasticsearch hosts. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {}

    public static RestHighLevelClient create(List<URI> hosts) {
        HttpHost[] httpHosts = hosts.stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new);
        return new RestHighLevelClient(RestClient.builder(httpHosts));
    }
}
