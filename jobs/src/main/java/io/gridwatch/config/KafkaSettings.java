package io.gridwatch.config;

import static io.gridwatch.config.GridWatchOptions.ALERTS_EXACTLY_ONCE;
import static io.gridwatch.config.GridWatchOptions.KAFKA_BOOTSTRAP_SERVERS;
import static io.gridwatch.config.GridWatchOptions.KAFKA_BOUNDED;
import static io.gridwatch.config.GridWatchOptions.KAFKA_GROUP_ID;
import static io.gridwatch.config.GridWatchOptions.KAFKA_PROPERTIES_PREFIX;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How the job reaches Kafka.
 *
 * @param clientProperties for every Kafka client of the job (security, tuning), from {@code kafka.properties.*}
 * @param bounded read the topics up to their end at start, then finish (replays of what is on Kafka, tests)
 * @param alertsExactlyOnce publish alerts in transactions committed with checkpoints
 */
public record KafkaSettings(String bootstrapServers, String groupId, Properties clientProperties, boolean bounded,
        boolean alertsExactlyOnce) {

    static KafkaSettings read(ConfigValues values) {
        return new KafkaSettings(values.nonBlank(KAFKA_BOOTSTRAP_SERVERS), values.nonBlank(KAFKA_GROUP_ID),
                values.withPrefix(KAFKA_PROPERTIES_PREFIX), values.read(KAFKA_BOUNDED),
                values.read(ALERTS_EXACTLY_ONCE));
    }

    /** A copy: each client may add its own. */
    @Override
    public Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }

    /**
     * The client properties with {@code bootstrap.servers}: for a client made outside Flink's connectors (the dead
     * letters of refused documents, the CLI's consumers, producers and admin).
     */
    public Properties clientPropertiesWithServers() {
        Properties properties = clientProperties();
        properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }
}
