package io.gridwatch.notify;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.GRID_B;

import io.gridwatch.config.JobConfig;
import io.gridwatch.testing.RecordingServer;
import io.gridwatch.testing.TestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A live test job whose notices go to a {@link RecordingServer}: the leads of grids A and B, their community and their
 * street each to a query of their own ({@code lead-a}, {@code lead-b}, {@code community}, {@code street}); every
 * level escalates after {@code deadline}; events flow with a short out-of-orderness and idle time.
 */
final class RobotRoutes {

    private RobotRoutes() {}

    /** The job's configuration, with {@code moreYaml} added to notify.yaml and {@code moreEnv} to its environment. */
    static JobConfig config(TestRun test, Path dir, RecordingServer robots, String deadline, String moreYaml,
            Map<String, String> moreEnv) throws IOException {
        Path yaml = Files.writeString(dir.resolve("notify.yaml"), """
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
        Map<String, String> env = new HashMap<>(Map.of(
                "LEAD_A", robots.url("/hook?lead-a").toString(),
                "LEAD_B", robots.url("/hook?lead-b").toString(),
                "COMMUNITY", robots.url("/hook?community").toString(),
                "STREET", robots.url("/hook?street").toString()));
        env.putAll(moreEnv);
        return test.config(Map.of(
                "notify.routes", yaml.toString(),
                "elasticsearch.bulk.flush-interval", "200 ms",
                "events.max-out-of-orderness", "1 s",
                "events.idle-timeout", "2 s"), env::get);
    }
}
