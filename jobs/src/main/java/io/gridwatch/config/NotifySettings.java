package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.NOTIFY_ALLOW_INSECURE_HTTP;
import static io.gridwatch.config.GridWatchOptions.NOTIFY_DASHBOARD_URL;
import static io.gridwatch.config.GridWatchOptions.NOTIFY_MAX_ATTEMPTS;
import static io.gridwatch.config.GridWatchOptions.NOTIFY_ROUTES;

import io.gridwatch.notify.NotificationRoutes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Who is told of alerts, and how often a notice is tried.
 *
 * @param routes {@code notify.yaml}, or every notice to the log when none is given
 * @param maxAttempts tries of one notice before it is dead-lettered
 */
public record NotifySettings(NotificationRoutes routes, int maxAttempts) {

    /** The routes' webhook URLs and secrets are looked up in {@code environment} now, so a missing one stops start-up. */
    static NotifySettings read(ConfigValues values, NotificationRoutes.Environment environment) {
        NotificationRoutes routes = values.optional(NOTIFY_ROUTES)
                .map(path -> load(path, environment, Set.copyOf(values.read(NOTIFY_ALLOW_INSECURE_HTTP))))
                .orElseGet(() -> NotificationRoutes.logOnly(values.nonBlank(NOTIFY_DASHBOARD_URL)));
        return new NotifySettings(routes, values.positiveInt(NOTIFY_MAX_ATTEMPTS));
    }

    private static NotificationRoutes load(String path, NotificationRoutes.Environment environment,
            Set<String> insecureAllowed) {
        try {
            return NotificationRoutes.load(Path.of(path), environment, insecureAllowed);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(NOTIFY_ROUTES.key() + ": " + path + ": "
                    + ConfigValues.rootMessage(e).lines().findFirst().orElse(""));
        }
    }
}
