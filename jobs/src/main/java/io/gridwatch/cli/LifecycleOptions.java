package io.gridwatch.cli;

import io.gridwatch.config.GridWatchOptions;
import java.time.Clock;
import io.gridwatch.lifecycle.AlertLifecycle;
import io.gridwatch.sink.kafka.ControlRecordPublisher;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where alert lifecycle changes go: Elasticsearch, and the lifecycle topic the job reads. */
final class LifecycleOptions {

    @Mixin
    ElasticsearchOption elasticsearch;

    @Mixin
    KafkaOption kafka;

    @Option(names = "--lifecycle-topic", paramLabel = "TOPIC",
            description = "Topic the job reads lifecycle events from (default: ${DEFAULT-VALUE}).")
    String topic = GridWatchOptions.TOPIC_LIFECYCLE.defaultValue();

    /** The clients behind an {@link AlertLifecycle}, closed together. */
    record Session(RestHighLevelClient client, ControlRecordPublisher publisher) implements AutoCloseable {

        AlertLifecycle lifecycle() {
            return new AlertLifecycle(client, AlertLifecycle.onKafka(publisher), Clock.systemUTC());
        }

        @Override
        public void close() throws java.io.IOException {
            try (client; publisher) {
                // both closed, the publisher first
            }
        }
    }

    Session open() {
        return new Session(elasticsearch.client(), new ControlRecordPublisher(kafka.properties(), topic));
    }
}
