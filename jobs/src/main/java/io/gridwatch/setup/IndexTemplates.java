package io.gridwatch.setup;

import io.gridwatch.setup.IndexTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The composable index templates of {@code dashboards/templates/}, packaged on the classpath and applied with
 * {@code PUT _index_template/<name>}, which replaces a template of the same name: applying twice is harmless.
 */
public final class IndexTemplates {

    /** Template names; each is {@code dashboards/templates/<name>.json}. */
    public static final List<String> NAMES =
            List.of("gridwatch-alerts", "gridwatch-events", "gridwatch-grid-daily", "gridwatch-alert-history");

    private IndexTemplates() {}

    public static void apply(RestClient client) throws IOException {
        for (String name : NAMES) {
            Request request = new Request("PUT", "/_index_template/" + name);
            request.setEntity(new NStringEntity(read(name), ContentType.APPLICATION_JSON));
            client.performRequest(request);
        }
    }

    static String read(String name) {
        String resource = "/gridwatch/templates/" + name + ".json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("index template " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
