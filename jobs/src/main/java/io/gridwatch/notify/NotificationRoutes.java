package io.gridwatch.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridwatch.common.access.Loopback;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.notify.channel.Channel;
import io.gridwatch.notify.channel.DingTalkChannel;
import io.gridwatch.notify.channel.LogChannel;
import io.gridwatch.notify.channel.WeComChannel;
import io.gridwatch.notify.channel.WebhookChannel;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which channel reaches each grid's lead, community and street (see {@link #channelFor}), and the
 * {@link NotifyPolicy} of escalation and rate limits, from {@code notify.yaml}. Webhook URLs and secrets are never in the file: a route names the
 * environment variables that hold them, read when the job starts (a missing one stops it, naming the variable) and
 * again where the notices are sent. Routes are resolved per grid, per street for streets; the channel of each route
 * is built once per task.
 */
public final class NotificationRoutes implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How one recipient is reached. */
    public record Route(String channel, String webhookEnv, String secretEnv) implements Serializable {

        @JsonCreator
        public Route(
                @JsonProperty(value = "channel", required = true) String channel,
                @JsonProperty("webhook_env") String webhookEnv,
                @JsonProperty("secret_env") String secretEnv) {
            this.channel = channel;
            this.webhookEnv = webhookEnv;
            this.secretEnv = secretEnv;
            switch (channel) {
                case "log" -> { }
                case "webhook", "wecom" -> require("webhook_env", webhookEnv);
                case "dingtalk" -> {
                    require("webhook_env", webhookEnv);
                    require("secret_env", secretEnv);
                }
                default -> throw new IllegalArgumentException(
                        "channel must be log | webhook | dingtalk | wecom, was '" + channel + "'");
            }
        }

        private static void require(String key, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + " is required for this channel");
            }
        }

        Channel build(String recipient, Environment env, Set<String> insecureAllowed) {
            return switch (channel) {
                case "webhook" -> new WebhookChannel(webhook(env, webhookEnv, insecureAllowed), TIMEOUT);
                case "wecom" -> new WeComChannel(webhook(env, webhookEnv, insecureAllowed), TIMEOUT);
                case "dingtalk" -> new DingTalkChannel(webhook(env, webhookEnv, insecureAllowed),
                        value(env, secretEnv), TIMEOUT, Clock.systemUTC());
                default -> new LogChannel(recipient);
            };
        }

        /**
         * The webhook URL in {@code variable}: absolute, with a host, and https — notices name grids, leads and
         * residents' matters, and a robot URL carries its secret — unless the host is this machine's loopback or the
         * variable is named in {@code notify.allow-insecure-http}.
         */
        private static URI webhook(Environment env, String variable, Set<String> insecureAllowed) {
            String value = value(env, variable);
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("environment variable " + variable + " is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException(
                        "environment variable " + variable + " must hold an https:// URL with a host");
            }
            if (uri.getScheme().equals("http") && !Loopback.is(uri) && !insecureAllowed.contains(variable)) {
                throw new IllegalArgumentException("environment variable " + variable + " holds an http:// URL: "
                        + "notices and the robot's secret would travel in clear; use https, or name " + variable
                        + " in notify.allow-insecure-http");
            }
            return uri;
        }

        private static String value(Environment env, String variable) {
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("environment variable " + variable + " is not set");
            }
            return value;
        }
    }

    private record File(
            @JsonProperty(value = "dashboard_url", required = true) String dashboardUrl,
            @JsonProperty(value = "default", required = true) Route fallback,
            @JsonProperty("streets") Map<String, Route> streets,
            @JsonProperty("communities") Map<String, Route> communities,
            @JsonProperty("grids") Map<String, Route> grids,
            @JsonProperty("escalation") NotifyPolicy.EscalationSection escalation,
            @JsonProperty("rate_limit") NotifyPolicy.RateLimitSection rateLimit,
            @JsonProperty("action_links") ActionLinks actionLinks) {}

    private final String dashboardUrl;
    private final Route fallback;
    private final Map<String, Route> streets;
    private final Map<String, Route> communities;
    private final Map<String, Route> grids;
    private final NotifyPolicy policy;
    private final ActionLinks actionLinks;
    private final Environment environment;
    private final Set<String> insecureAllowed;
    private transient Map<Route, Channel> channels;

    /** Where routes find URLs and secrets: the process environment, or a map in tests. */
    @FunctionalInterface
    public interface Environment extends Serializable {
        String get(String variable);
    }

    private NotificationRoutes(File file, Environment environment, Set<String> insecureAllowed) {
        this.environment = environment;
        this.insecureAllowed = Set.copyOf(insecureAllowed);
        this.dashboardUrl = file.dashboardUrl();
        this.fallback = file.fallback();
        this.streets = file.streets() == null ? Map.of() : new HashMap<>(file.streets());
        this.communities = file.communities() == null ? Map.of() : new HashMap<>(file.communities());
        this.grids = file.grids() == null ? Map.of() : new HashMap<>(file.grids());
        this.policy = NotifyPolicy.of(file.escalation(), file.rateLimit());
        this.actionLinks = file.actionLinks();
    }

    /** Everything to the log: for the demo and until routes are configured. */
    public static NotificationRoutes logOnly(String dashboardUrl) {
        return new NotificationRoutes(new File(dashboardUrl, new Route("log", null, null), null, null, null, null, null, null),
                System::getenv, Set.of());
    }

    /**
     * Reads {@code notify.yaml} and checks that every environment variable it names is set, and every webhook URL
     * https (or on loopback, or its variable among {@code insecureAllowed}).
     */
    public static NotificationRoutes load(Path yaml, Environment environment, Set<String> insecureAllowed)
            throws IOException {
        NotificationRoutes routes = new NotificationRoutes(new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(yaml.toFile(), File.class), environment, insecureAllowed);
        routes.all().forEach(route -> route.build("check", environment, insecureAllowed));
        if (routes.actionLinks != null) {
            routes.actionLinks.check(environment);
        }
        return routes;
    }

    /** {@link #load(Path, Environment, Set)} with https required everywhere but loopback. */
    public static NotificationRoutes load(Path yaml, Environment environment) throws IOException {
        return load(yaml, environment, Set.of());
    }

    public String dashboardUrl() {
        return dashboardUrl;
    }

    public NotifyPolicy policy() {
        return policy;
    }

    /**
     * The signed link for {@code recipient} to act on {@code alertId} ({@code action_links:}), valid from
     * {@code sentAt}; {@code null} when notices carry no links.
     */
    public String actionLink(String alertId, String recipient, Instant sentAt) {
        return actionLinks == null ? null : actionLinks.of(alertId, recipient, sentAt, environment);
    }

    /**
     * The channel to {@code tier} of {@code grid}, built on first use from the environment of this process. A grid
     * lead without a route of their own is reached through their community's route (often a group chat of the
     * community's grid leads), then their street's; a community without one through its street's.
     */
    public Channel channelFor(Grid grid, Tier tier) {
        Route street = streets.getOrDefault(grid.street(), fallback);
        Route community = tier == Tier.STREET ? street : communities.getOrDefault(grid.community(), street);
        Route route = tier == Tier.GRID_LEAD ? grids.getOrDefault(grid.gridId(), community) : community;
        if (route.channel().equals("log")) {
            return new LogChannel(tier.addressee(grid)); // names whom it stands for, so one per addressee
        }
        if (channels == null) {
            channels = new HashMap<>();
        }
        return channels.computeIfAbsent(route, r -> r.build(tier.addressee(grid), environment, insecureAllowed));
    }

    private List<Route> all() {
        List<Route> all = new ArrayList<>(List.of(fallback));
        all.addAll(streets.values());
        all.addAll(communities.values());
        all.addAll(grids.values());
        return all;
    }
}
