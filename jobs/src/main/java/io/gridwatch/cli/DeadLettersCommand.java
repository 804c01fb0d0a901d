package io.gridwatch.cli;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.config.GridWatchOptions;
import io.gridwatch.query.DeadLetterList;
import io.gridwatch.sink.kafka.DeadLetterHeaders;
import io.gridwatch.sink.kafka.DeadLetterRecords;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch deadletters}: what the job set aside and why; with the dead-letter key, the records themselves
 * ({@code --open}) and, once their source is fixed, back to the topic they came from ({@code --resend}).
 */
@Command(name = "deadletters", mixinStandardHelpOptions = true,
        description = {"Lists the dead-letter topic: when, why and whence each record was set aside.",
            "Rejected records are sealed: --open shows them and --resend sends them back to their source topic, both "
                    + "with the key in " + RecordSeal.VARIABLE + "."})
final class DeadLettersCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CityTime.ZONE);

    @Mixin
    KafkaOption kafka;

    @Option(names = "--deadletter-topic", paramLabel = "TOPIC", description = "The job's dead-letter topic (default: ${DEFAULT-VALUE}).")
    String topic = GridWatchOptions.TOPIC_DEADLETTER.defaultValue();

    @Option(names = "--reason", paramLabel = "CODE", description = "Only letters of this reason, e.g. missing_field.")
    String reason;

    @Option(names = "--open", description = "Show each rejected record's value, opened with the dead-letter key.")
    boolean open;

    @Option(names = "--resend", description = "Send the rejected records (of --reason) back to the topics they came from.")
    boolean resend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Properties client = kafka.properties();
        List<DeadLetterList.Letter> letters = DeadLetterList.read(client, topic).stream()
                .filter(letter -> reason == null || reason.equals(letter.header(DeadLetterHeaders.REASON)))
                .toList();
        RecordSeal seal = open || resend ? RecordSeal.of(ServiceSettings.environment(spec).apply(RecordSeal.VARIABLE)) : null;
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable(open
                ? List.of("WRITTEN", "REASON", "ORIGIN", "DETAIL", "RECORD")
                : List.of("WRITTEN", "REASON", "ORIGIN", "DETAIL"));
        List<DeadLetterList.Letter> sealed = new ArrayList<>();
        for (DeadLetterList.Letter letter : letters) {
            List<String> row = new ArrayList<>(List.of(TIME.format(letter.at()),
                    String.valueOf(letter.header(DeadLetterHeaders.REASON)),
                    String.valueOf(letter.header(DeadLetterHeaders.ORIGIN)),
                    String.valueOf(letter.header(DeadLetterHeaders.DETAIL))));
            boolean isSealed = letter.header(DeadLetterRecords.SEALED) != null && letter.value() != null;
            if (isSealed) {
                sealed.add(letter);
            }
            if (open) {
                row.add(isSealed ? new String(seal.open(letter.value()), StandardCharsets.UTF_8)
                        : letter.value() == null ? "" : new String(letter.value(), StandardCharsets.UTF_8));
            }
            table.add(row);
        }
        out.print(table);
        if (resend) {
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (DeadLetterList.Letter letter : sealed) {
                    producer.send(new ProducerRecord<>(sourceTopic(letter), letter.key(), seal.open(letter.value()))).get();
                }
            }
            out.println("Re-sent " + sealed.size() + " records to the topics they came from.");
        }
        return 0;
    }

    /** The topic of an origin {@code topic-partition@offset} (or of a bare topic, for records rebuilt in the job). */
    private static String sourceTopic(DeadLetterList.Letter letter) {
        String origin = letter.header(DeadLetterHeaders.ORIGIN);
        int at = origin.lastIndexOf('@');
        return at < 0 ? origin : origin.substring(0, origin.lastIndexOf('-', at));
    }
}
