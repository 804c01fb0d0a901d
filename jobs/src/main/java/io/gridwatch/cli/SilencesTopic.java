package io.gridwatch.cli;

import io.gridwatch.common.alert.Silence;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.query.SilenceList;
import io.gridwatch.sink.kafka.ControlRecordPublisher;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The silences topic of the running job: {@code --kafka} and {@code --silences-topic}. */
final class SilencesTopic {

    @Mixin
    KafkaOption kafka;

    @Option(names = "--silences-topic", paramLabel = "TOPIC",
            description = "Topic the job reads silences from (default: ${DEFAULT-VALUE}).")
    String topic = GridWatchOptions.TOPIC_SILENCES.defaultValue();

    void publish(Silence silence) throws IOException {
        try (ControlRecordPublisher publisher = new ControlRecordPublisher(kafka.properties(), topic)) {
            publisher.publish(silence.id(), silence);
        }
    }

    Map<String, Silence> read() {
        return SilenceList.read(kafka.properties(), topic);
    }
}
