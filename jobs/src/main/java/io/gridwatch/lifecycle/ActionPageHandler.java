package io.gridwatch.lifecycle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gridwatch.common.access.Action;
import io.gridwatch.common.access.ActionLink;
import io.gridwatch.common.access.LinkKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The pages behind signed action links ({@link ActionLink}): {@code GET /a/{alertId}?r=&e=&s=} shows the warning and
 * its buttons; {@code POST /a/{alertId}} (a form) takes the action as the link's recipient and redirects back to the
 * page (post, redirect, get: a reload does not act twice).
 *
 * <p>The link's signature and expiry are checked on every request. Forms are guarded against cross-site requests
 * twice: a double-submit CSRF token (an HttpOnly, SameSite=Strict cookie set with the page, equal to a hidden field),
 * and an {@code Origin}, when the browser sends one, that must be this server's own.
 */
final class ActionPageHandler implements HttpHandler {

    private static final String CSRF_COOKIE = "gw_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlertLifecycle lifecycle;
    private final LinkKey key;
    private final Clock clock;
    private final int maxBodyBytes;
    private final boolean secure;

    ActionPageHandler(AlertLifecycle lifecycle, LinkKey key, Clock clock, int maxBodyBytes, boolean secure) {
        this.lifecycle = lifecycle;
        this.key = key;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.secure = secure;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String alertId = exchange.getRequestURI().getPath().substring(ActionLink.PATH.length());
            try {
                switch (exchange.getRequestMethod()) {
                    case "GET" -> show(exchange, alertId);
                    case "POST" -> act(exchange, alertId);
                    default -> throw new Exchanges.Refused(405, "请从预警通知中的链接打开本页");
                }
            } catch (Exchanges.Refused e) {
                Exchanges.send(exchange, e.status, "text/html", ActionPage.refusal(e.getMessage()));
            }
        }
    }

    private void show(HttpExchange exchange, String alertId) throws IOException, Exchanges.Refused {
        Map<String, String> query = Exchanges.fields(exchange.getRequestURI().getRawQuery());
        ActionLink link = verified(alertId, query);
        AlertLifecycle.StoredAlert alert = stored(alertId);
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        exchange.getResponseHeaders().add("Set-Cookie", CSRF_COOKIE + "=" + csrf + "; Path=" + ActionLink.PATH
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        Action done = Optional.ofNullable(query.get("done")).map(ActionPageHandler::action).orElse(null);
        Exchanges.send(exchange, 200, "text/html",
                ActionPage.of(alert, lifecycle.evidence(alert.alert()), link, query.get("s"), csrf, done));
    }

    private void act(HttpExchange exchange, String alertId) throws IOException, Exchanges.Refused {
        checkOrigin(exchange);
        if (!Exchanges.mediaType(exchange).equals("application/x-www-form-urlencoded")) {
            throw new Exchanges.Refused(415, "请使用页面上的按钮提交");
        }
        Map<String, String> form = Exchanges.fields(new String(Exchanges.body(exchange, maxBodyBytes), StandardCharsets.US_ASCII));
        ActionLink link = verified(alertId, form);
        String cookie = Exchanges.cookie(exchange, CSRF_COOKIE).orElse("");
        String field = form.getOrDefault("csrf", "");
        if (cookie.isEmpty() || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8))) {
            throw new Exchanges.Refused(403, "页面已失效，请从预警通知中重新打开链接后再操作");
        }
        Action action = action(form.get("action"));
        if (action == null) {
            throw new Exchanges.Refused(400, "请选择签收、办结或误报");
        }
        String note = form.get("note");
        try {
            // The link names one alert: its holder may take any action on that alert, and on no other.
            lifecycle.act(alertId, action, link.recipient(), note == null || note.isBlank() ? null : note.strip(),
                    (wanted, alert) -> alert.alert().alertId().equals(link.alertId()));
        } catch (AlertLifecycle.NoSuchAlertException e) {
            throw new Exchanges.Refused(404, "预警不存在：" + alertId);
        } catch (AlertLifecycle.TransitionRefusedException e) {
            throw new Exchanges.Refused(409, "该预警已处置，无需重复操作");
        } catch (IllegalArgumentException e) {
            throw new Exchanges.Refused(400, "提交的内容有误：" + e.getMessage());
        } catch (IOException e) {
            throw new Exchanges.Refused(503, "暂时无法记录，未作任何更改，请稍后再试");
        }
        // Back to the same link (relative to this server), saying what was done.
        Exchanges.redirect(exchange, link.url("", key) + "&done=" + action.wireName());
    }

    private ActionLink verified(String alertId, Map<String, String> fields) throws Exchanges.Refused {
        try {
            return ActionLink.verify(alertId, fields.get("r"), fields.get("e"), fields.get("s"), key, clock.instant());
        } catch (ActionLink.RefusedException e) {
            throw new Exchanges.Refused(403, e.getMessage());
        }
    }

    private AlertLifecycle.StoredAlert stored(String alertId) throws IOException, Exchanges.Refused {
        return lifecycle.find(alertId).orElseThrow(() -> new Exchanges.Refused(404, "预警不存在：" + alertId));
    }

    /** A browser names the page's origin when it posts a form: it must be this server, as the Host says. */
    private static void checkOrigin(HttpExchange exchange) throws Exchanges.Refused {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin == null) {
            return; // older in-app browsers send none; the CSRF token still guards the form
        }
        URI from;
        try {
            from = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new Exchanges.Refused(403, "请求来源无效");
        }
        String authority = from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
        if (host == null || !authority.equalsIgnoreCase(host)) {
            throw new Exchanges.Refused(403, "请求来源不符，请从预警通知中的链接打开本页");
        }
    }

    private static Action action(String wireName) {
        try {
            return wireName == null ? null : Action.of(wireName);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

}
