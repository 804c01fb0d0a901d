package io.gridwatch.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The composable index templates of {@code dashboards/templates/}, packaged on the classpath and applied with
 * {@code PUT _index_template/<name>}, which replaces a template of the same name: applying twice is harmless.
 *
 * <p>A template shapes only the indices created after it; the month's index under way keeps the mapping it was
 * created with, and its strict mapping would refuse a field a new version adds. So each template's fields are also
 * put to the indices it already made ({@code PUT <patterns>/_mapping}), which adds new fields and leaves the others.
 */
public final class IndexTemplates {

    /** Template names; each is {@code dashboards/templates/<name>.json}. */
    public static final List<String> NAMES =
            List.of("gridwatch-alerts", "gridwatch-events", "gridwatch-grid-daily", "gridwatch-alert-history",
                    "gridwatch-cases");

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexTemplates() {}

    public static void apply(RestClient client) throws IOException {
        for (String name : NAMES) {
            String template = read(name);
            Request put = new Request("PUT", "/_index_template/" + name);
            put.setEntity(new NStringEntity(template, ContentType.APPLICATION_JSON));
            client.performRequest(put);

            JsonNode tree = JSON.readTree(template);
            List<String> patterns = new ArrayList<>();
            tree.get("index_patterns").forEach(pattern -> patterns.add(pattern.asText()));
            Request existing = new Request("PUT", "/" + String.join(",", patterns) + "/_mapping");
            existing.addParameter("allow_no_indices", "true");
            existing.addParameter("ignore_unavailable", "true");
            String mappings = tree.at("/template/mappings").toString();
            existing.setEntity(new NStringEntity(mappings, ContentType.APPLICATION_JSON));
            client.performRequest(existing);
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
