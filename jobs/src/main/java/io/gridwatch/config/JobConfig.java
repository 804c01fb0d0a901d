package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.REGISTRY_PATH;
import static io.gridwatch.config.GridWatchOptions.RULES_PATH;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.grid.InvalidRegistryException;
import io.gridwatch.common.rules.InvalidRulesException;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.notify.NotificationRoutes;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The validated configuration of a GridWatch job: every {@link GridWatchOptions} value read once into its group
 * ({@link KafkaSettings}, {@link TopicNames}, {@link ElasticsearchSettings}, {@link EventSettings},
 * {@link CheckpointSettings}, {@link WarmStartSettings}, {@link NotifySettings}), checked at construction, with the
 * grid registry and rules loaded. Any problem stops start-up with an {@link InvalidConfigException} naming the key.
 * Where the values come from is {@link ConfigSources}'.
 */
public final class JobConfig {

    private final KafkaSettings kafka;
    private final TopicNames topics;
    private final ElasticsearchSettings elasticsearch;
    private final EventSettings events;
    private final CheckpointSettings checkpoints;
    private final WarmStartSettings warmStart;
    private final GridRegistry registry;
    private final Rules rules;
    private final NotifySettings notifications;
    private final NotificationRoutes.Environment secrets;

    /**
     * @param environment where the secrets the settings name are read (webhook URLs, passwords, keys): the process
     *     environment, unless the caller holds them elsewhere
     */
    public JobConfig(Configuration conf, NotificationRoutes.Environment environment) {
        ConfigValues values = new ConfigValues(conf);
        secrets = environment;
        kafka = KafkaSettings.read(values);
        topics = TopicNames.read(values);
        elasticsearch = ElasticsearchSettings.read(values, environment);
        events = EventSettings.read(values);
        checkpoints = CheckpointSettings.read(values);
        warmStart = WarmStartSettings.read(values);
        registry = values.optional(REGISTRY_PATH).map(JobConfig::loadRegistry).orElseGet(GridRegistry::sample);
        rules = values.optional(RULES_PATH).map(JobConfig::loadRules).orElseGet(RulesLoader::defaults);
        notifications = NotifySettings.read(values, environment);
    }

    /** From {@code --key value} arguments alone, secrets from the process environment. */
    public static JobConfig fromArgs(String... args) {
        return fromMap(ConfigSources.arguments(args));
    }

    /** From the Flink configuration, the environment and arguments, merged by {@link ConfigSources#merge}. */
    public static JobConfig fromSources(Map<String, String> flinkConfiguration,
            NotificationRoutes.Environment environment, String... args) {
        return fromMap(ConfigSources.merge(flinkConfiguration, environment, args), environment);
    }

    public static JobConfig fromMap(Map<String, String> values) {
        return fromMap(values, System::getenv);
    }

    /** As {@link #fromMap(Map)}, with secrets from {@code environment}. */
    public static JobConfig fromMap(Map<String, String> values, NotificationRoutes.Environment environment) {
        return new JobConfig(Configuration.fromMap(ConfigSources.known(values)), environment);
    }

    private static GridRegistry loadRegistry(String path) {
        try {
            return GridRegistry.load(Path.of(path));
        } catch (InvalidRegistryException e) {
            throw new InvalidConfigException(REGISTRY_PATH.key() + ": " + e.getMessage());
        }
    }

    private static Rules loadRules(String path) {
        try {
            return RulesLoader.load(Path.of(path));
        } catch (InvalidRulesException e) {
            throw new InvalidConfigException(RULES_PATH.key() + ": " + e.getMessage());
        }
    }

    public KafkaSettings kafka() { return kafka; }

    public TopicNames topics() { return topics; }

    public ElasticsearchSettings elasticsearch() { return elasticsearch; }

    public EventSettings events() { return events; }

    public CheckpointSettings checkpoints() { return checkpoints; }

    public WarmStartSettings warmStart() { return warmStart; }

    public GridRegistry registry() { return registry; }

    public Rules rules() { return rules; }

    public NotifySettings notifications() { return notifications; }

    /**
     * Where secrets named by the settings are read — the process environment, or a map in tests — and, on the
     * TaskManagers, read again: only its variables' names travel with the job.
     */
    public NotificationRoutes.Environment secrets() { return secrets; }
}
