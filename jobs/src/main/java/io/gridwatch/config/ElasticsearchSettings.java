package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_API_KEY_ENV;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_BULK_FLUSH_INTERVAL;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_BULK_MAX_ACTIONS;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_BULK_MAX_IN_FLIGHT;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_HOSTS;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_MAX_RETRY_TIME;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_PASSWORD_ENV;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_TRUSTSTORE;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_TRUSTSTORE_PASSWORD_ENV;
import static io.gridwatch.config.GridWatchOptions.ELASTICSEARCH_USERNAME;

import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.sink.elasticsearch.BulkSettings;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.net.URI;

/**
 * How the job reaches Elasticsearch and writes to it.
 *
 * @param access where it is and how to authenticate, its secrets named, not held
 * @param bulk how documents are batched and retried
 */
public record ElasticsearchSettings(ElasticsearchAccess access, BulkSettings bulk) {

    /** The secrets {@code access} names are looked up in {@code environment} now, so a missing one stops start-up. */
    static ElasticsearchSettings read(ConfigValues values, NotificationRoutes.Environment environment) {
        ElasticsearchAccess access = new ElasticsearchAccess(
                values.read(ELASTICSEARCH_HOSTS).stream().map(ElasticsearchSettings::httpUri).toList(),
                values.optional(ELASTICSEARCH_USERNAME).orElse(null),
                values.read(ELASTICSEARCH_PASSWORD_ENV),
                values.optional(ELASTICSEARCH_API_KEY_ENV).orElse(null),
                values.optional(ELASTICSEARCH_TRUSTSTORE).orElse(null),
                values.optional(ELASTICSEARCH_TRUSTSTORE_PASSWORD_ENV).orElse(null));
        try {
            access.check(environment::get);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("elasticsearch: " + e.getMessage());
        }
        return new ElasticsearchSettings(access, new BulkSettings(
                values.positiveInt(ELASTICSEARCH_BULK_MAX_ACTIONS),
                values.positiveInt(ELASTICSEARCH_BULK_MAX_IN_FLIGHT),
                values.positive(ELASTICSEARCH_BULK_FLUSH_INTERVAL),
                values.positive(ELASTICSEARCH_MAX_RETRY_TIME)));
    }

    private static URI httpUri(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)://host:port");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(
                    ELASTICSEARCH_HOSTS.key() + ": '" + text + "' is not an http(s)://host:port URL");
        }
    }
}
