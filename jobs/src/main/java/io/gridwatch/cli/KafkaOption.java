package io.gridwatch.cli;

import io.gridwatch.config.JobConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --kafka} option of the commands that publish to or read the job's control topics; client security
 * ({@code kafka.properties.*}) comes from the job's settings ({@link ServiceSettings}).
 */
final class KafkaOption {

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers of the running job (default: kafka.bootstrap-servers of --config or "
                    + "GRIDWATCH_KAFKA_BOOTSTRAP_SERVERS, else localhost:9092).")
    String bootstrapServers;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private Properties client;

    /** Client properties: bootstrap servers and the job's {@code kafka.properties.*}; read once per command. */
    Properties properties() {
        if (client == null) {
            JobConfig config = ServiceSettings.of(command,
                    bootstrapServers == null ? Map.of() : Map.of("kafka.bootstrap-servers", bootstrapServers));
            client = config.kafka().clientPropertiesWithServers();
        }
        Properties copy = new Properties();
        copy.putAll(client);
        return copy;
    }

    /** The bootstrap servers, for messages. */
    String describe() {
        return properties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }
}
