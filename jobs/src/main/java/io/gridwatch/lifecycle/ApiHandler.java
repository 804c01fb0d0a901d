package io.gridwatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gridwatch.common.access.Action;
import io.gridwatch.common.access.ApiToken;
import io.gridwatch.common.access.ApiTokens;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON API of the command centre's screens and integrations: {@code POST /alerts/{alertId}/ack} with
 * {@code {"note": "..."}} and {@code POST /alerts/{alertId}/resolve} with {@code {"note": "...", "falseAlarm": false}},
 * each with {@code Authorization: Bearer <token>} and {@code Content-Type: application/json}. Who acted is the token's
 * name; a body that names anyone ({@code by}) is refused. Answers 200 with the status reached (202 when only the
 * topic has it yet), 400 bad request, 401 no or unknown token, 403 outside the token's scope or actions, 404 no such
 * alert, 409 the status does not allow it, 413 too large, 415 not JSON, 503 not recorded (nothing changed).
 */
final class ApiHandler implements HttpHandler {

    private static final Pattern PATH = Pattern.compile("/alerts/([^/]+)/(ack|resolve)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertLifecycle lifecycle;
    private final ApiTokens tokens;
    private final int maxBodyBytes;

    ApiHandler(AlertLifecycle lifecycle, ApiTokens tokens, int maxBodyBytes) {
        this.lifecycle = lifecycle;
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                serve(exchange);
            } catch (Exchanges.Refused e) {
                answer(exchange, e.status, "error", e.getMessage());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                answer(exchange, 400, "error", "the body must be JSON");
            } catch (AlertLifecycle.NoSuchAlertException e) {
                answer(exchange, 404, "error", e.getMessage());
            } catch (AlertLifecycle.ForbiddenException e) {
                answer(exchange, 403, "error", e.getMessage());
            } catch (AlertLifecycle.TransitionRefusedException e) {
                answer(exchange, 409, "error", e.getMessage());
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, "error", e.getMessage());
            } catch (IOException e) {
                // Kafka or Elasticsearch unreachable before the change was published: nothing changed; try again.
                answer(exchange, 503, "error", "nothing changed, try again: " + e.getMessage());
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException, Exchanges.Refused {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            answer(exchange, 404, "error", "use POST /alerts/{alertId}/ack or /alerts/{alertId}/resolve");
            return;
        }
        Optional<ApiToken> token = tokens.authenticate(bearer(exchange));
        if (token.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"gridwatch\"");
            answer(exchange, 401, "error", "an API token is required: Authorization: Bearer <token>");
            return;
        }
        if (!Exchanges.mediaType(exchange).equals("application/json")) {
            answer(exchange, 415, "error", "the body must be sent as Content-Type: application/json");
            return;
        }
        JsonNode body = JSON.readTree(Exchanges.body(exchange, maxBodyBytes));
        if (body == null || !body.isObject()) {
            answer(exchange, 400, "error", "the body must be a JSON object");
            return;
        }
        if (body.has("by")) {
            answer(exchange, 400, "error", "'by' is not taken from the body: who acts is the token's name");
            return;
        }
        Action action = path.group(2).equals("ack") ? Action.ACK
                : body.path("falseAlarm").asBoolean(false) ? Action.FALSE_ALARM : Action.RESOLVE;
        String note = body.path("note").isTextual() ? body.get("note").asText() : null;
        ApiToken actor = token.get();
        AlertLifecycle.Outcome outcome = lifecycle.act(path.group(1), action, actor.name(), note,
                (wanted, alert) -> actor.allows(wanted, alert.alert().street(), alert.alert().community(),
                        alert.alert().gridId()));
        answer(exchange, outcome.pending() == null ? 200 : 202, "status", outcome.status().wireName());
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    private static void answer(HttpExchange exchange, int status, String field, String message) throws IOException {
        Exchanges.send(exchange, status, "application/json", JSON.createObjectNode().put(field, message).toString());
    }
}
