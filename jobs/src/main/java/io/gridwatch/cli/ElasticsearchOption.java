package io.gridwatch.cli;

import io.gridwatch.config.JobConfig;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.net.URI;
import java.util.Map;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --elasticsearch} option of the commands that read or write Elasticsearch; credentials and TLS come
 * from the job's settings ({@link ServiceSettings}: {@code --config}, {@code GRIDWATCH_*}).
 */
final class ElasticsearchOption {

    @Option(names = "--elasticsearch", paramLabel = "URL",
            description = "Elasticsearch to use (default: elasticsearch.hosts of --config or GRIDWATCH_ELASTICSEARCH_HOSTS, "
                    + "else http://localhost:9200).")
    URI url;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private JobConfig settings;

    /** The job's settings for this command, {@code --elasticsearch} applied; read and validated once per command. */
    JobConfig settings() {
        if (settings == null) {
            settings = ServiceSettings.of(command, url == null ? Map.of() : Map.of("elasticsearch.hosts", url.toString()));
        }
        return settings;
    }

    /** How to reach Elasticsearch, as the job would with these settings. */
    ElasticsearchAccess access() {
        return settings().elasticsearch().access();
    }

    RestHighLevelClient client() {
        return access().client(ServiceSettings.environment(command));
    }

    /** The hosts, for messages. */
    String describe() {
        return access().hosts().toString();
    }
}
