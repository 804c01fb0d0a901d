package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Silence;
import io.gridwatch.query.SilenceList;
import io.gridwatch.testing.SharedServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code gridwatch silence} and {@code gridwatch silences} against the real Kafka broker. */
@ExtendWith(SharedServices.class)
@Tag("services")
class SilenceCommandsTest {

    private final String topic = "silences-" + UUID.randomUUID().toString().substring(0, 8);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void createTopic() {
        SharedServices.kafka().createTopics(List.of(topic), 1);
    }

    @Test
    void publishesListsAndLiftsASilence() {
        Instant before = Instant.now();
        assertThat(run("silence", "--street", "东湖街道", "--detector", "patrol_gap", "--for", "3d",
                "--reason", "国庆游园活动", "--by", "值班长", "--id", "S-NATIONAL-DAY")).isZero();
        assertThat(out.toString()).startsWith("S-NATIONAL-DAY silences street 东湖街道, detector patrol_gap until ");

        Silence published = SilenceList.read(kafka(), topic).get("S-NATIONAL-DAY");
        assertThat(published.street()).isEqualTo("东湖街道");
        assertThat(published.gridId()).isNull();
        assertThat(Duration.between(published.from(), published.until())).isEqualTo(Duration.ofDays(3));
        assertThat(published.from()).isBetween(before, Instant.now());

        assertThat(run("silences")).isZero();
        assertThat(out.toString()).contains("S-NATIONAL-DAY").contains("国庆游园活动").contains("值班长");

        assertThat(run("silences", "--lift", "S-NATIONAL-DAY", "--by", "李秀英")).isZero();
        assertThat(run("silences")).isZero();
        assertThat(out.toString()).doesNotContain("S-NATIONAL-DAY");
        assertThat(SilenceList.read(kafka(), topic).get("S-NATIONAL-DAY").reason())
                .startsWith("国庆游园活动（李秀英于");
    }

    @Test
    void refusesASilenceWithoutScopeOrAnUnknownOneInOneLine() {
        assertThat(run("silence", "--for", "1d", "--reason", "r", "--by", "b")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gridwatch: a silence needs a scope: gridId, detector or street\n");
        err.getBuffer().setLength(0);

        assertThat(run("silences", "--lift", "S-NONE", "--by", "b")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gridwatch: no silence S-NONE in force or to come\n");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        var cli = GridWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(Stream.concat(Arrays.stream(args),
                        Stream.of("--kafka", SharedServices.kafka().bootstrapServers(), "--silences-topic", topic))
                .toArray(String[]::new));
    }

    private static java.util.Properties kafka() {
        java.util.Properties client = new java.util.Properties();
        client.put("bootstrap.servers", SharedServices.kafka().bootstrapServers());
        return client;
    }
}
