package io.gridwatch.testing;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;

import io.gridwatch.config.JobConfig;
import io.gridwatch.testing.RobotRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Notices to a {@link RecordingServer}: the leads of grids A and B, their community and their street each to a query
 * of their own ({@code lead-a}, {@code lead-b}, {@code community}, {@code street}); every level escalates after
 * {@code deadline}.
 */
public final class RobotRoutes {

    private RobotRoutes() {}

    /**
     * A live test job with these routes, {@code moreYaml} added to notify.yaml and {@code moreEnv} to its environment;
     * events flow with a short out-of-orderness and idle time.
     */
    public static JobConfig config(TestRun test, Path dir, RecordingServer robots, String deadline, String moreYaml,
            Map<String, String> moreEnv) throws IOException {
        Map<String, String> env = new HashMap<>(environment(robots));
        env.putAll(moreEnv);
        return test.config(Map.of(
                "notify.routes", notifyYaml(dir, deadline, moreYaml).toString(),
                "elasticsearch.bulk.flush-interval", "200 ms",
                "events.max-out-of-orderness", "1 s",
                "events.idle-timeout", "2 s"), env::get);
    }

    /** {@code notify.yaml} in {@code dir}, with {@code moreYaml} added. */
    public static Path notifyYaml(Path dir, String deadline, String moreYaml) throws IOException {
        return Files.writeString(dir.resolve("notify.yaml"), """
                dashboard_url: http://kibana:5601/app/dashboards
                default: { channel: log }
                grids:
                  %s: { channel: webhook, webhook_env: LEAD_A }
                  %s: { channel: webhook, webhook_env: LEAD_B }
                communities:
                  幸福里社区: { channel: webhook, webhook_env: COMMUNITY }
                streets:
                  东湖街道: { channel: webhook, webhook_env: STREET }
                escalation: { red: %s, orange: %s, yellow: %s }
                rate_limit: { max: 100, per: 10m }
                """.formatted(GRID_A, GRID_B, deadline, deadline, deadline) + moreYaml);
    }

    /** The variables {@link #notifyYaml} names, each a query of the robot's URL. */
    public static Map<String, String> environment(RecordingServer robots) {
        return Map.of(
                "LEAD_A", robots.url("/hook?lead-a").toString(),
                "LEAD_B", robots.url("/hook?lead-b").toString(),
                "COMMUNITY", robots.url("/hook?community").toString(),
                "STREET", robots.url("/hook?street").toString());
    }
}
