package io.gridwatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP face of {@link AlertLifecycle}, for command-centre screens and chat-robot callbacks:
 * {@code POST /alerts/{alertId}/ack} with {@code {"by": "...", "note": "..."}} and
 * {@code POST /alerts/{alertId}/resolve} with {@code {"by": "...", "note": "...", "falseAlarm": false}}.
 * Answers 200 with the new status, 400 for a bad request, 404 for an unknown alert, 409 when the alert's status does
 * not allow the change. No authentication of its own: run it behind the gateway that authenticates staff.
 */
public final class LifecycleHttpServer implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/alerts/([^/]+)/(ack|resolve)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AlertLifecycle lifecycle;
    private final Clock clock;

    public LifecycleHttpServer(InetSocketAddress address, AlertLifecycle lifecycle, Clock clock) throws IOException {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.server = HttpServer.create(address, 0);
        server.createContext("/alerts/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                answer(exchange, 404, "use POST /alerts/{alertId}/ack or /alerts/{alertId}/resolve");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                answer(exchange, 400, "the body must be JSON");
                return;
            }
            if (body == null || !body.path("by").isTextual() || body.get("by").asText().isBlank()) {
                answer(exchange, 400, "'by' is required: who acts on the alert");
                return;
            }
            String alertId = path.group(1);
            String by = body.get("by").asText();
            String note = body.path("note").isTextual() ? body.get("note").asText() : null;
            try {
                if (path.group(2).equals("ack")) {
                    lifecycle.acknowledge(alertId, by, note, clock.instant());
                } else {
                    lifecycle.resolve(alertId, by, note, body.path("falseAlarm").asBoolean(false), clock.instant());
                }
                answer(exchange, 200, path.group(2).equals("ack") ? "acknowledged"
                        : body.path("falseAlarm").asBoolean(false) ? "false_alarm" : "resolved");
            } catch (AlertLifecycle.NoSuchAlertException e) {
                answer(exchange, 404, e.getMessage());
            } catch (AlertLifecycle.TransitionRefusedException e) {
                answer(exchange, 409, e.getMessage());
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, e.getMessage());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = JSON.createObjectNode()
                .put(status == 200 ? "status" : "error", message)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
