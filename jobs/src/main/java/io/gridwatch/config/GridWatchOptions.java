package io.gridwatch.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every configuration key of GridWatch, in one place. Passed as {@code --key value} arguments to the job and the
 * CLI; read and validated by {@link JobConfig}. Topic and index names are part of the contract with dashboards and
 * downstream consumers: change them only together.
 */
public final class GridWatchOptions {

    private GridWatchOptions() {}

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType()
            .defaultValue("localhost:9092")
            .withDescription("Kafka brokers, host:port[,host:port].");

    public static final ConfigOption<String> KAFKA_GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType()
            .defaultValue("gridwatch-early-warning")
            .withDescription("Consumer group of the early-warning job.");

    public static final ConfigOption<String> TOPIC_COMPLAINTS = ConfigOptions.key("kafka.topic.complaints")
            .stringType()
            .defaultValue("gridwatch.complaints");

    public static final ConfigOption<String> TOPIC_PATROLS = ConfigOptions.key("kafka.topic.patrols")
            .stringType()
            .defaultValue("gridwatch.patrols");

    public static final ConfigOption<String> TOPIC_ALERTS = ConfigOptions.key("kafka.topic.alerts")
            .stringType()
            .defaultValue("gridwatch.alerts");

    public static final ConfigOption<String> TOPIC_DEADLETTER = ConfigOptions.key("kafka.topic.deadletter")
            .stringType()
            .defaultValue("gridwatch.deadletter");

    public static final ConfigOption<String> TOPIC_RULES = ConfigOptions.key("kafka.topic.rules")
            .stringType()
            .defaultValue("gridwatch.rules")
            .withDescription("Whole rules.yaml documents; the latest valid one replaces the rules of the detectors "
                    + "that reload rules while running.");

    public static final ConfigOption<String> TOPIC_SILENCES = ConfigOptions.key("kafka.topic.silences")
            .stringType()
            .defaultValue("gridwatch.silences")
            .withDescription("Silences published by `gridwatch silence`; alerts they cover are marked and not sent.");

    public static final ConfigOption<String> TOPIC_LIFECYCLE = ConfigOptions.key("kafka.topic.lifecycle")
            .stringType()
            .defaultValue("gridwatch.alert-lifecycle")
            .withDescription("Acknowledgements and resolutions published by `gridwatch ack/resolve/serve`; they stop "
                    + "escalation.");

    /**
     * Keys starting with this pass to every Kafka client of the job without it, e.g.
     * {@code kafka.properties.security.protocol=SASL_SSL}; secrets through Kafka's {@code ${env:VAR}} config provider.
     */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    /** Every topic the job reads or writes; all must exist, since topics are never created by accident. */
    public static final List<ConfigOption<String>> TOPICS = List.of(TOPIC_COMPLAINTS, TOPIC_PATROLS, TOPIC_ALERTS,
            TOPIC_DEADLETTER, TOPIC_RULES, TOPIC_SILENCES, TOPIC_LIFECYCLE);

    /** The topics' names by default: what embedded services create for a job with default settings. */
    public static List<String> defaultTopicNames() {
        return TOPICS.stream().map(ConfigOption::defaultValue).toList();
    }

    public static final ConfigOption<Boolean> KAFKA_BOUNDED = ConfigOptions.key("kafka.bounded")
            .booleanType()
            .defaultValue(false)
            .withDescription("Read up to the offsets that are latest at start, then finish (replays and tests); "
                    + "deadlines still ahead when the job started raise no alert, notice or escalation.");

    public static final ConfigOption<List<String>> ELASTICSEARCH_HOSTS = ConfigOptions.key("elasticsearch.hosts")
            .stringType()
            .asList()
            .defaultValues("http://localhost:9200")
            .withDescription("Elasticsearch HTTP endpoints, scheme://host:port[;...].");

    public static final ConfigOption<String> ELASTICSEARCH_USERNAME = ConfigOptions.key("elasticsearch.username")
            .stringType()
            .noDefaultValue()
            .withDescription("Basic-auth user of a secured cluster; its password from elasticsearch.password-env.");

    public static final ConfigOption<String> ELASTICSEARCH_PASSWORD_ENV = ConfigOptions.key("elasticsearch.password-env")
            .stringType()
            .defaultValue("GRIDWATCH_ES_PASSWORD")
            .withDescription("The environment variable holding the password of elasticsearch.username.");

    public static final ConfigOption<String> ELASTICSEARCH_API_KEY_ENV = ConfigOptions.key("elasticsearch.api-key-env")
            .stringType()
            .noDefaultValue()
            .withDescription("The environment variable holding an API key (id:key, or its Base64 form).");

    public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE = ConfigOptions.key("elasticsearch.truststore")
            .stringType()
            .noDefaultValue()
            .withDescription("PKCS12 (or .jks) file of the certificates to trust for https hosts.");

    public static final ConfigOption<String> ELASTICSEARCH_TRUSTSTORE_PASSWORD_ENV = ConfigOptions.key(
                    "elasticsearch.truststore-password-env")
            .stringType()
            .noDefaultValue()
            .withDescription("The environment variable holding the truststore's password.");

    public static final ConfigOption<Integer> ELASTICSEARCH_BULK_MAX_ACTIONS = ConfigOptions.key(
                    "elasticsearch.bulk.max-actions")
            .intType()
            .defaultValue(1000)
            .withDescription("Documents a lane buffers before it sends them as one bulk request.");

    public static final ConfigOption<Integer> ELASTICSEARCH_BULK_MAX_IN_FLIGHT = ConfigOptions.key(
                    "elasticsearch.bulk.max-in-flight")
            .intType()
            .defaultValue(2)
            .withDescription("Bulk requests each sink writer has in flight at once (its lanes; a document's writes stay"
                    + " in order), so Elasticsearch indexes one while the next is prepared.");

    public static final ConfigOption<Duration> ELASTICSEARCH_BULK_FLUSH_INTERVAL = ConfigOptions.key(
                    "elasticsearch.bulk.flush-interval")
            .durationType()
            .defaultValue(Duration.ofMillis(200))
            .withDescription("The longest a buffered document waits, so a quiet stream's alerts still show at once.");

    public static final ConfigOption<Duration> ELASTICSEARCH_MAX_RETRY_TIME = ConfigOptions.key(
                    "elasticsearch.max-retry-time")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("How long a bulk request is retried through outages before the job fails and restarts.");

    public static final ConfigOption<String> REGISTRY_PATH = ConfigOptions.key("registry.path")
            .stringType()
            .noDefaultValue()
            .withDescription("Grid registry CSV; the shipped sample when absent.");

    public static final ConfigOption<String> RULES_PATH = ConfigOptions.key("rules.path")
            .stringType()
            .noDefaultValue()
            .withDescription("rules.yaml; the shipped defaults when absent.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions.key("events.max-out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("How long a warning waits for events behind the newest to be ordered in; an event "
                    + "further behind is detected when it comes, as if it came now (it is never dropped).");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOptions.key("events.idle-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("A partition silent this long stops holding back the watermark, which then follows "
                    + "the wall clock: how long a warning may wait in a quiet city.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = ConfigOptions.key("events.max-future-skew")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("Events dated further ahead of the ingestion clock go to the dead-letter topic.");

    public static final ConfigOption<Duration> MAX_AGE = ConfigOptions.key("events.max-age")
            .durationType()
            .defaultValue(Duration.ofDays(365))
            .withDescription("Events dated further behind the ingestion clock go to the dead-letter topic "
                    + "(replay older history with gridwatch replay).");

    public static final ConfigOption<Duration> DEDUP_WINDOW = ConfigOptions.key("events.dedup-window")
            .durationType()
            .defaultValue(Duration.ofDays(7))
            .withDescription("An event id seen again in its grid within this much processing time is a duplicate.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = ConfigOptions.key("events.max-record-bytes")
            .intType()
            .defaultValue(64 * 1024)
            .withDescription("Larger records go to the dead-letter topic unparsed.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("checkpoint.interval")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Offsets are committed and sinks flushed at every checkpoint. State is on the heap and"
                    + " each checkpoint writes all of it: every 10 s, that took a quarter of the job's CPU"
                    + " (BENCHMARKS.md).");

    public static final ConfigOption<CheckpointingMode> CHECKPOINT_MODE = ConfigOptions.key("checkpoint.mode")
            .enumType(CheckpointingMode.class)
            .defaultValue(CheckpointingMode.EXACTLY_ONCE)
            .withDescription("EXACTLY_ONCE (aligned barriers) or AT_LEAST_ONCE (lower latency under backpressure).");

    public static final ConfigOption<String> WARM_START_HISTORY = ConfigOptions.key("warm-start.history")
            .stringType()
            .noDefaultValue()
            .withDescription("A first start from a history (JSONL, or CSV with warm-start.mapping): replayed into a "
                    + "savepoint the job starts from, so baselines and deadlines are the history's on day one.");

    public static final ConfigOption<String> WARM_START_MAPPING = ConfigOptions.key("warm-start.mapping")
            .stringType()
            .noDefaultValue()
            .withDescription("The column mapping of a CSV warm-start.history (a YAML file, or open311).");

    public static final ConfigOption<String> CHECKPOINT_STORAGE = ConfigOptions.key("checkpoint.storage")
            .stringType()
            .noDefaultValue()
            .withDescription("Durable directory for checkpoints, e.g. file:///var/lib/gridwatch/checkpoints or "
                    + "s3://bucket/gridwatch; without it Flink's execution.checkpointing.dir, else the temp directory "
                    + "of the JobManager's machine (gridwatch-checkpoints), which does not survive that machine. "
                    + "Checkpoints are kept when the job is cancelled, to restart from.");

    public static final ConfigOption<Boolean> ALERTS_EXACTLY_ONCE = ConfigOptions.key("kafka.alerts.exactly-once")
            .booleanType()
            .defaultValue(true)
            .withDescription("Publish alerts in Kafka transactions committed at checkpoints: consumers reading "
                    + "read_committed see each alert record once, even across restarts, one checkpoint later.");

    public static final ConfigOption<String> NOTIFY_ROUTES = ConfigOptions.key("notify.routes")
            .stringType()
            .noDefaultValue()
            .withDescription("notify.yaml: which channel reaches each grid's lead; every notice to the log when absent.");

    public static final ConfigOption<String> NOTIFY_DASHBOARD_URL = ConfigOptions.key("notify.dashboard-url")
            .stringType()
            .defaultValue("http://localhost:5601/app/dashboards")
            .withDescription("Kibana dashboards URL linked from notices when notify.routes is absent.");

    public static final ConfigOption<List<String>> NOTIFY_ALLOW_INSECURE_HTTP =
            ConfigOptions.key("notify.allow-insecure-http")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription("Environment variables of notify.yaml whose webhook URL may be plain http "
                            + "(notices and robot secrets in clear); every other must be https, except on loopback.");

    public static final ConfigOption<Integer> NOTIFY_MAX_ATTEMPTS = ConfigOptions.key("notify.max-attempts")
            .intType()
            .defaultValue(5)
            .withDescription("Delivery attempts of one notice before it goes to the dead-letter topic.");

    /** Every option, for validating that no unknown key was passed. */
    public static final List<ConfigOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            KAFKA_GROUP_ID,
            TOPIC_COMPLAINTS,
            TOPIC_PATROLS,
            TOPIC_ALERTS,
            TOPIC_DEADLETTER,
            TOPIC_RULES,
            TOPIC_SILENCES,
            TOPIC_LIFECYCLE,
            KAFKA_BOUNDED,
            ELASTICSEARCH_HOSTS,
            ELASTICSEARCH_USERNAME,
            ELASTICSEARCH_PASSWORD_ENV,
            ELASTICSEARCH_API_KEY_ENV,
            ELASTICSEARCH_TRUSTSTORE,
            ELASTICSEARCH_TRUSTSTORE_PASSWORD_ENV,
            ELASTICSEARCH_BULK_MAX_ACTIONS,
            ELASTICSEARCH_BULK_MAX_IN_FLIGHT,
            ELASTICSEARCH_BULK_FLUSH_INTERVAL,
            ELASTICSEARCH_MAX_RETRY_TIME,
            REGISTRY_PATH,
            RULES_PATH,
            MAX_OUT_OF_ORDERNESS,
            IDLE_TIMEOUT,
            MAX_FUTURE_SKEW,
            MAX_AGE,
            DEDUP_WINDOW,
            MAX_RECORD_BYTES,
            CHECKPOINT_INTERVAL,
            CHECKPOINT_MODE,
            CHECKPOINT_STORAGE,
            WARM_START_HISTORY,
            WARM_START_MAPPING,
            ALERTS_EXACTLY_ONCE,
            NOTIFY_ROUTES,
            NOTIFY_DASHBOARD_URL,
            NOTIFY_ALLOW_INSECURE_HTTP,
            NOTIFY_MAX_ATTEMPTS);
}
