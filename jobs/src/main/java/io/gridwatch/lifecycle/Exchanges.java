package io.gridwatch.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reading requests within limits and writing answers, for the lifecycle server's handlers. */
final class Exchanges {

    /** A request refused before it reached a handler's logic: its status and the reason, for the caller. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }
    }

    private Exchanges() {}

    /** The body, refused with 413 beyond {@code maxBytes} whatever the declared length. */
    static byte[] body(HttpExchange exchange, int maxBytes) throws IOException, Refused {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
            throw new Refused(413, "the body is over " + maxBytes + " bytes");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (body.size() + n > maxBytes) {
                    throw new Refused(413, "the body is over " + maxBytes + " bytes");
                }
                body.write(buffer, 0, n);
            }
        }
        return body.toByteArray();
    }

    /** The media type of the request, lower case, without parameters; empty if none. */
    static String mediaType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** {@code application/x-www-form-urlencoded} or query-string fields; the first of a repeated name. */
    static Map<String, String> fields(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** The value of cookie {@code name}, if the request carries it. */
    static Optional<String> cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(name)) {
                    return Optional.of(parts[1]);
                }
            }
        }
        return Optional.empty();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }
}
