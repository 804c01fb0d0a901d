package io.gridwatch.testing;

import io.gridwatch.embedded.EmbeddedElasticsearch;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Elasticsearch server with security on (HTTPS with its own certificate, a file-realm user) for the whole
 * test run, beside {@link SharedServices}' open one: started by the first test class that needs it, stopped when the
 * run ends.
 */
public final class SecuredElasticsearch implements BeforeAllCallback {

    /** The user GridWatch logs in as. */
    public static final EmbeddedElasticsearch.Credentials USER =
            new EmbeddedElasticsearch.Credentials("gridwatch", "s3cret-pass");

    private static EmbeddedElasticsearch server;

    @Override
    public void beforeAll(ExtensionContext context) {
        startOnce(context);
    }

    private static synchronized void startOnce(ExtensionContext context) {
        if (server != null) {
            return;
        }
        server = EmbeddedElasticsearch.launchSecured(USER);
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SecuredElasticsearch.class.getName(),
                (AutoCloseable) () -> server.close());
    }

    public static EmbeddedElasticsearch server() {
        return server;
    }
}
