package io.gridwatch.cli;

import picocli.CommandLine.Option;

/** The {@code --kafka} option of the commands that publish to the job's control topics. */
final class KafkaOption {

    @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers of the running job (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
}
