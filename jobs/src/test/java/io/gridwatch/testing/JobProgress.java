package io.gridwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/**
 * How far a running job has come, from its cluster's REST API: the signals a test of absence waits on instead of a
 * sleep — a task's input watermark has passed a moment, or a task has taken a number of records.
 */
public final class JobProgress {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI jobUri;

    /** @param clientConfiguration the cluster's, with its REST address and port */
    public JobProgress(Configuration clientConfiguration, JobID job) {
        this.jobUri = URI.create("http://" + clientConfiguration.get(RestOptions.ADDRESS) + ":"
                + clientConfiguration.get(RestOptions.PORT) + "/jobs/" + job + "/");
    }

    /** The lowest input watermark over the subtasks of the task whose name starts with {@code task}. */
    public Instant inputWatermark(String task) throws IOException, InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (JsonNode metric : get("vertices/" + vertex(task) + "/watermarks")) {
            lowest = Math.min(lowest, metric.get("value").asLong());
        }
        return Instant.ofEpochMilli(lowest);
    }

    /** The fewest records any subtask of the task whose name starts with {@code task} has taken in. */
    public long recordsIn(String task) throws IOException, InterruptedException {
        JsonNode metrics = get("vertices/" + vertex(task) + "/subtasks/metrics?get=numRecordsIn&agg=min");
        return metrics.isEmpty() ? 0 : metrics.get(0).get("min").asLong();
    }

    private String vertex(String task) throws IOException, InterruptedException {
        for (JsonNode vertex : get("").get("vertices")) {
            if (vertex.get("name").asText().startsWith(task)) {
                return vertex.get("id").asText();
            }
        }
        throw new IllegalArgumentException("no task named " + task + " in " + jobUri);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(jobUri.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(jobUri.resolve(path) + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
