package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.*;

import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.grid.InvalidRegistryException;
import io.gridwatch.common.rules.InvalidRulesException;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.core.execution.CheckpointingMode;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The validated configuration of a GridWatch job: every {@link GridWatchOptions} value read once, checked at
 * construction, with the grid registry and rules loaded. Any problem stops start-up with an
 * {@link InvalidConfigException} naming the key.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Keys in the Flink configuration ({@code config.yaml}, a {@code FlinkDeployment}'s) start with this. */
    public static final String FLINK_PREFIX = "gridwatch.";

    private final String bootstrapServers;
    private final String groupId;
    private final String complaintsTopic;
    private final String patrolsTopic;
    private final String alertsTopic;
    private final String deadLetterTopic;
    private final String rulesTopic;
    private final String silencesTopic;
    private final String lifecycleTopic;
    private final List<String> topics;
    private final boolean bounded;
    private final ElasticsearchAccess elasticsearch;
    private final int bulkMaxActions;
    private final Duration bulkFlushInterval;
    private final Duration elasticsearchMaxRetryTime;
    private final Duration maxOutOfOrderness;
    private final Duration idleTimeout;
    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final Duration dedupWindow;
    private final int maxRecordBytes;
    private final Duration checkpointInterval;
    private final Properties kafkaProperties;
    private final CheckpointingMode checkpointMode;
    private final Optional<String> checkpointStorage;
    private final Optional<Path> warmStartHistory;
    private final Optional<String> warmStartMapping;
    private final boolean alertsExactlyOnce;
    private final GridRegistry registry;
    private final Rules rules;
    private final NotificationRoutes notificationRoutes;
    private final int notifyMaxAttempts;
    private final NotificationRoutes.Environment secrets;

    public JobConfig(Configuration conf) {
        this(conf, System::getenv);
    }

    /**
     * @param environment where the routes of {@code notify.routes} find the webhook URLs and secrets they name: the
     *     process environment, unless the caller holds them elsewhere
     */
    public JobConfig(Configuration conf, NotificationRoutes.Environment environment) {
        secrets = environment;
        bootstrapServers = nonBlank(conf, KAFKA_BOOTSTRAP_SERVERS);
        groupId = nonBlank(conf, KAFKA_GROUP_ID);
        complaintsTopic = nonBlank(conf, TOPIC_COMPLAINTS);
        patrolsTopic = nonBlank(conf, TOPIC_PATROLS);
        alertsTopic = nonBlank(conf, TOPIC_ALERTS);
        deadLetterTopic = nonBlank(conf, TOPIC_DEADLETTER);
        rulesTopic = nonBlank(conf, TOPIC_RULES);
        silencesTopic = nonBlank(conf, TOPIC_SILENCES);
        lifecycleTopic = nonBlank(conf, TOPIC_LIFECYCLE);
        topics = TOPICS.stream().map(option -> nonBlank(conf, option)).toList();
        bounded = read(conf, KAFKA_BOUNDED);
        elasticsearch = elasticsearchAccess(conf, environment);
        bulkMaxActions = positiveInt(conf, ELASTICSEARCH_BULK_MAX_ACTIONS);
        bulkFlushInterval = positive(conf, ELASTICSEARCH_BULK_FLUSH_INTERVAL);
        elasticsearchMaxRetryTime = positive(conf, ELASTICSEARCH_MAX_RETRY_TIME);
        maxOutOfOrderness = notNegative(conf, MAX_OUT_OF_ORDERNESS);
        idleTimeout = positive(conf, IDLE_TIMEOUT);
        maxFutureSkew = notNegative(conf, MAX_FUTURE_SKEW);
        maxAge = positive(conf, MAX_AGE);
        dedupWindow = positive(conf, DEDUP_WINDOW);
        maxRecordBytes = positiveInt(conf, MAX_RECORD_BYTES);
        checkpointInterval = positive(conf, CHECKPOINT_INTERVAL);
        checkpointMode = read(conf, CHECKPOINT_MODE);
        checkpointStorage = conf.getOptional(CHECKPOINT_STORAGE).map(value -> nonBlank(conf, CHECKPOINT_STORAGE));
        warmStartHistory = conf.getOptional(WARM_START_HISTORY).map(value -> readable(conf, WARM_START_HISTORY));
        warmStartMapping = conf.getOptional(WARM_START_MAPPING).map(value -> nonBlank(conf, WARM_START_MAPPING));
        if (warmStartMapping.isPresent() && warmStartHistory.isEmpty()) {
            throw new InvalidConfigException(WARM_START_MAPPING.key() + ": given without warm-start.history");
        }
        alertsExactlyOnce = read(conf, ALERTS_EXACTLY_ONCE);
        registry = conf.getOptional(REGISTRY_PATH).map(JobConfig::loadRegistry).orElseGet(GridRegistry::sample);
        rules = conf.getOptional(RULES_PATH).map(JobConfig::loadRules).orElseGet(RulesLoader::defaults);
        notificationRoutes = conf.getOptional(NOTIFY_ROUTES)
                .map(path -> loadRoutes(path, environment, Set.copyOf(conf.get(NOTIFY_ALLOW_INSECURE_HTTP))))
                .orElseGet(() -> NotificationRoutes.logOnly(nonBlank(conf, NOTIFY_DASHBOARD_URL)));
        notifyMaxAttempts = positiveInt(conf, NOTIFY_MAX_ATTEMPTS);
        kafkaProperties = new Properties();
        conf.toMap().forEach((key, value) -> {
            if (key.startsWith(KAFKA_PROPERTIES_PREFIX)) {
                kafkaProperties.setProperty(key.substring(KAFKA_PROPERTIES_PREFIX.length()), value);
            }
        });
    }

    /**
     * Reads {@code --key value} pairs (or {@code --key=value}); an unknown key or a key without a value is an
     * error, so a misspelt option never silently falls back to its default.
     */
    public static JobConfig fromArgs(String... args) {
        return fromMap(parseArgs(args));
    }

    /**
     * The configuration of a deployed job, from three places, each overriding the one before: the Flink
     * configuration's {@code gridwatch.}-prefixed keys, environment variables named by {@link #environmentName},
     * and {@code --key value} arguments. So a cluster can carry the settings every job shares, a container its
     * endpoints, and a submission what differs, without editing code or files in the image.
     */
    public static JobConfig fromSources(Map<String, String> flinkConfiguration,
            NotificationRoutes.Environment environment, String... args) {
        Map<String, String> values = new HashMap<>();
        flinkConfiguration.forEach((key, value) -> {
            if (key.startsWith(FLINK_PREFIX)) {
                values.put(key.substring(FLINK_PREFIX.length()), value);
            }
        });
        for (ConfigOption<?> option : GridWatchOptions.ALL) {
            String value = environment.get(environmentName(option.key()));
            if (value != null) {
                values.put(option.key(), value);
            }
        }
        values.putAll(parseArgs(args));
        return fromMap(values, environment);
    }

    /** The environment variable of a key: {@code GRIDWATCH_} and the key in capitals, {@code .} and {@code -} as {@code _}. */
    public static String environmentName(String key) {
        return "GRIDWATCH_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static JobConfig fromMap(Map<String, String> values) {
        return fromMap(values, System::getenv);
    }

    /** As {@link #fromMap(Map)}, with route secrets from {@code environment}. */
    public static JobConfig fromMap(Map<String, String> values, NotificationRoutes.Environment environment) {
        Set<String> known = GridWatchOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
        for (String key : values.keySet()) {
            if (!known.contains(key) && !key.startsWith(GridWatchOptions.KAFKA_PROPERTIES_PREFIX)) {
                throw new InvalidConfigException("unknown configuration key '" + key + "'; known keys: "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        return new JobConfig(Configuration.fromMap(values), environment);
    }

    static Map<String, String> parseArgs(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new InvalidConfigException("expected --key value, found '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new InvalidConfigException(key + ": no value given");
            }
            values.put(key, value);
        }
        return values;
    }

    private static <T> T read(Configuration conf, ConfigOption<T> option) {
        try {
            return conf.get(option);
        } catch (RuntimeException e) {
            throw new InvalidConfigException(option.key() + ": " + rootMessage(e));
        }
    }

    private static Path readable(Configuration conf, ConfigOption<String> option) {
        Path path = Path.of(nonBlank(conf, option));
        if (!Files.isReadable(path)) {
            throw new InvalidConfigException(option.key() + ": cannot read " + path);
        }
        return path;
    }

    private static String nonBlank(Configuration conf, ConfigOption<String> option) {
        String value = read(conf, option);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(option.key() + ": must not be empty");
        }
        return value.trim();
    }

    private static int positiveInt(Configuration conf, ConfigOption<Integer> option) {
        int value = read(conf, option);
        if (value <= 0) {
            throw new InvalidConfigException(option.key() + ": must be positive, was " + value);
        }
        return value;
    }

    private static Duration positive(Configuration conf, ConfigOption<Duration> option) {
        Duration value = notNegative(conf, option);
        if (value.isZero()) {
            throw new InvalidConfigException(option.key() + ": must be positive, was 0");
        }
        return value;
    }

    private static Duration notNegative(Configuration conf, ConfigOption<Duration> option) {
        Duration value = read(conf, option);
        if (value.isNegative()) {
            throw new InvalidConfigException(option.key() + ": must not be negative, was " + value);
        }
        return value;
    }

    private static URI httpUri(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)://host:port");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(ELASTICSEARCH_HOSTS.key() + ": '" + text + "' is not an http(s)://host:port URL");
        }
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

    private static ElasticsearchAccess elasticsearchAccess(Configuration conf, NotificationRoutes.Environment environment) {
        ElasticsearchAccess access = new ElasticsearchAccess(
                read(conf, ELASTICSEARCH_HOSTS).stream().map(JobConfig::httpUri).toList(),
                conf.getOptional(ELASTICSEARCH_USERNAME).orElse(null),
                read(conf, ELASTICSEARCH_PASSWORD_ENV),
                conf.getOptional(ELASTICSEARCH_API_KEY_ENV).orElse(null),
                conf.getOptional(ELASTICSEARCH_TRUSTSTORE).orElse(null),
                conf.getOptional(ELASTICSEARCH_TRUSTSTORE_PASSWORD_ENV).orElse(null));
        try {
            access.check(environment::get);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("elasticsearch: " + e.getMessage());
        }
        return access;
    }

    private static NotificationRoutes loadRoutes(String path, NotificationRoutes.Environment environment,
            Set<String> insecureAllowed) {
        try {
            return NotificationRoutes.load(Path.of(path), environment, insecureAllowed);
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(NOTIFY_ROUTES.key() + ": " + path + ": " + rootMessage(e).lines().findFirst().orElse(""));
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }

    public String bootstrapServers() { return bootstrapServers; }

    public String groupId() { return groupId; }

    public String complaintsTopic() { return complaintsTopic; }

    public String patrolsTopic() { return patrolsTopic; }

    public String alertsTopic() { return alertsTopic; }

    public String deadLetterTopic() { return deadLetterTopic; }

    public String rulesTopic() { return rulesTopic; }

    public String silencesTopic() { return silencesTopic; }

    /** Every topic the job reads or writes, to create before it starts. */
    public List<String> topics() {
        return topics;
    }

    public String lifecycleTopic() { return lifecycleTopic; }

    public boolean bounded() { return bounded; }

    /** Where Elasticsearch is and how to authenticate, its secrets named, not held. */
    public ElasticsearchAccess elasticsearch() { return elasticsearch; }

    /**
     * Where secrets named by the settings are read — the process environment, or a map in tests — and, on the
     * TaskManagers, read again: only its variables' names travel with the job.
     */
    public NotificationRoutes.Environment secrets() { return secrets; }

    public int bulkMaxActions() { return bulkMaxActions; }

    public Duration bulkFlushInterval() { return bulkFlushInterval; }

    public Duration elasticsearchMaxRetryTime() { return elasticsearchMaxRetryTime; }

    public Duration maxOutOfOrderness() { return maxOutOfOrderness; }

    public Duration idleTimeout() { return idleTimeout; }

    public Duration maxFutureSkew() { return maxFutureSkew; }

    public Duration maxAge() { return maxAge; }

    public Duration dedupWindow() { return dedupWindow; }

    public int maxRecordBytes() { return maxRecordBytes; }

    public Duration checkpointInterval() { return checkpointInterval; }

    public CheckpointingMode checkpointMode() { return checkpointMode; }

    /** The durable directory for checkpoints, when configured. */
    public Optional<String> checkpointStorage() { return checkpointStorage; }

    public Optional<Path> warmStartHistory() { return warmStartHistory; }

    public Optional<String> warmStartMapping() { return warmStartMapping; }

    public boolean alertsExactlyOnce() { return alertsExactlyOnce; }

    /** Client properties for every Kafka client of the job (security, tuning), from {@code kafka.properties.*}. */
    public Properties kafkaProperties() {
        Properties copy = new Properties();
        copy.putAll(kafkaProperties);
        return copy;
    }

    public GridRegistry registry() { return registry; }

    public Rules rules() { return rules; }

    public NotificationRoutes notificationRoutes() { return notificationRoutes; }

    public int notifyMaxAttempts() { return notifyMaxAttempts; }
}
