package io.gridwatch.testing;

import io.gridwatch.embedded.EmbeddedElasticsearch;
import io.gridwatch.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker and one real Elasticsearch server for the whole test run, started by the first test class
 * that needs them and stopped when the run ends. Test classes keep their data apart by topic and index names, or by
 * the ids of the events they send.
 */
public final class SharedServices implements BeforeAllCallback {

    private static EmbeddedKafka kafka;
    private static EmbeddedElasticsearch elasticsearch;

    @Override
    public void beforeAll(ExtensionContext context) {
        startOnce(context);
    }

    private static synchronized void startOnce(ExtensionContext context) {
        if (kafka != null) {
            return;
        }
        kafka = EmbeddedKafka.launch();
        elasticsearch = EmbeddedElasticsearch.launch();
        // The root store closes its resources when the whole run is over.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedServices.class.getName(),
                (AutoCloseable) () -> {
                    elasticsearch.close();
                    kafka.close();
                });
    }

    public static EmbeddedKafka kafka() {
        return kafka;
    }

    public static EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }
}
