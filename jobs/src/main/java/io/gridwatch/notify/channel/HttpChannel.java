package io.gridwatch.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts JSON to an HTTP endpoint. 2xx is delivered; 429, 5xx, timeouts and lost connections can be retried; other
 * statuses cannot. Chat robots answer 200 with an {@code errcode}: a non-zero one is a failure too. At most
 * {@link #MAX_ANSWER_BYTES} of an answer are read, and at most {@link #MAX_QUOTED_CHARS} of it are quoted in a failure,
 * so an endpoint cannot fill the job's memory or the dead-letter topic.
 */
abstract class HttpChannel implements Channel {

    private static final long serialVersionUID = 1L;
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    static final int MAX_QUOTED_CHARS = 200;

    private final Duration timeout;
    private transient HttpClient http;

    HttpChannel(Duration timeout) {
        this.timeout = timeout;
    }

    /** Posts the body to the URI with the given extra headers (name, value, name, value ...). */
    void post(URI uri, byte[] body, String... headers) throws DeliveryException {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> response;
        String answer;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DeliveryException(uri.getHost() + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new DeliveryException(uri.getHost() + " answered " + status, true);
        }
        if (status >= 300) {
            throw new DeliveryException(uri.getHost() + " refused the message with " + status + ": " + quoted(answer), false);
        }
        checkErrorCode(uri, answer);
    }

    private static String quoted(String answer) {
        return answer.length() <= MAX_QUOTED_CHARS ? answer : answer.substring(0, MAX_QUOTED_CHARS) + "…";
    }

    /** Robots report failures as {@code {"errcode": n, "errmsg": ...}} in a 200 response. */
    private static void checkErrorCode(URI uri, String body) throws DeliveryException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            return; // not JSON: a plain webhook that said 2xx
        }
        if (answer != null && answer.has("errcode") && answer.get("errcode").asInt() != 0) {
            throw new DeliveryException(uri.getHost() + " refused the message: " + quoted(answer.toString()), false);
        }
    }
}
