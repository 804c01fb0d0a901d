package io.gridwatch.cli;

import io.gridwatch.sink.elasticsearch.ElasticsearchClients;
import java.net.URI;
import java.util.List;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Option;

/** The {@code --elasticsearch} option shared by the commands that read or write Elasticsearch. */
final class ElasticsearchOption {

    @Option(names = "--elasticsearch", paramLabel = "URL", defaultValue = "http://localhost:9200",
            description = "Elasticsearch to use (default: ${DEFAULT-VALUE}).")
    URI url;

    RestHighLevelClient client() {
        return ElasticsearchClients.create(List.of(url));
    }
}
