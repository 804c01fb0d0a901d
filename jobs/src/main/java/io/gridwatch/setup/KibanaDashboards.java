package io.gridwatch.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.setup.KibanaDashboards;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The Kibana 7.17 saved objects of {@code dashboards/kibana/gridwatch.ndjson} (data views, visualizations, the
 * 网格预警总览 and 网格详情 dashboards), packaged on the classpath and imported with Kibana's saved-objects API,
 * replacing earlier versions of them — what {@code dashboards/import.sh} does with curl.
 */
public final class KibanaDashboards {

    static final String RESOURCE = "/gridwatch/kibana/gridwatch.ndjson";

    private KibanaDashboards() {}

    /** Imports the saved objects into the Kibana at {@code kibana}; returns how many it took. */
    public static int importInto(URI kibana) throws IOException, InterruptedException {
        String boundary = "gridwatch-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(kibana.resolve("/api/saved_objects/_import?overwrite=true"))
                .timeout(Duration.ofMinutes(1))
                .header("kbn-xsrf", "true")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form(boundary, savedObjects())))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode result = response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
        if (result == null || !result.path("success").asBoolean()) {
            throw new IOException("Kibana at " + kibana + " refused the saved objects (HTTP " + response.statusCode()
                    + "): " + response.body());
        }
        return result.path("successCount").asInt();
    }

    private static byte[] form(String boundary, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"gridwatch.ndjson\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    static byte[] savedObjects() throws IOException {
        try (InputStream in = KibanaDashboards.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Kibana saved objects " + RESOURCE + " are not on the classpath");
            }
            return in.readAllBytes();
        }
    }
}
