package io.gridwatch.notify;

import io.gridwatch.common.access.Loopback;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridwatch.common.access.ActionLink;
import io.gridwatch.common.access.LinkKey;
import io.gridwatch.common.rules.DurationText;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code action_links:} in notify.yaml: where {@code gridwatch serve} is reached from staff's phones, and how long a
 * link in a notice stays valid. Each notice to a recipient carries a link signed for that recipient and alert
 * ({@link ActionLink}); the key is the environment's {@value LinkKey#VARIABLE}, read where notices are made, never
 * kept in the job's configuration.
 *
 * <pre>
 * action_links:
 *   base_url: https://gridwatch.example.gov.cn
 *   valid_for: 7d
 * </pre>
 */
public final class ActionLinks implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How long a link is valid by default: a week covers a weekend and a holiday's first days. */
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    private final String baseUrl;
    private final Duration validFor;
    private transient LinkKey key;

    @JsonCreator
    ActionLinks(@JsonProperty(value = "base_url", required = true) String baseUrl,
            @JsonProperty("valid_for") String validFor) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action_links.base_url is not a URL: " + baseUrl);
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && Loopback.is(uri)))) {
            throw new IllegalArgumentException("action_links.base_url must be an https:// URL (a link lets its holder "
                    + "close a warning), or http:// on loopback; was " + baseUrl);
        }
        this.baseUrl = baseUrl.strip();
        this.validFor = validFor == null ? DEFAULT_VALIDITY : DurationText.parse(validFor);
        if (this.validFor.isNegative() || this.validFor.isZero()) {
            throw new IllegalArgumentException("action_links.valid_for must be positive, was " + validFor);
        }
    }

    /** Checks that {@code environment} holds the link key, naming the variable if not. */
    void check(NotificationRoutes.Environment environment) {
        key(environment);
    }

    /** The link for {@code recipient} to act on {@code alertId}, valid for {@code valid_for} from {@code sentAt}. */
    String of(String alertId, String recipient, Instant sentAt, NotificationRoutes.Environment environment) {
        return new ActionLink(alertId, recipient, sentAt.plus(validFor)).url(baseUrl, key(environment));
    }

    private LinkKey key(NotificationRoutes.Environment environment) {
        if (key == null) {
            key = LinkKey.from(environment::get).orElseThrow(() -> new IllegalStateException(
                    "action_links needs the environment variable " + LinkKey.VARIABLE + " (the key gridwatch serve checks links with)"));
        }
        return key;
    }
}
