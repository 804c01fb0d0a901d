package io.gridwatch.job;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Finding;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import io.gridwatch.notify.channel.LogChannel;
import io.gridwatch.testing.Checkpoints;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.elasticsearch.action.search.ClearScrollRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.search.SearchScrollRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with residents' personal data planted everywhere it can come in — the complainant's name and phone, a phone,
 * a landline, a 居民身份证 number and a bank card number in a complaint's text, its address and a patrol's notes; a
 * duplicate; a record rejected whole — then every place it could leave the job is searched for them in clear: every
 * {@code gridwatch-*} index, the alerts and dead-letter topics (values, keys and headers), the files of a checkpoint
 * taken after all was read, and the log (with the log channel's notices on).
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class PersonalDataScanTest {

    private static final String NAME = "柴晓燕";
    private static final String MOBILE = "13912345678";
    private static final String LANDLINE = "87654321";
    private static final String ID_NUMBER = "110101199003071234";
    private static final String CARD = "6222021234567890128";
    private static final List<String> PLANTED = List.of(NAME, MOBILE, LANDLINE, ID_NUMBER, CARD);

    private final TestRun test = new TestRun();
    private final StringWriter log = new StringWriter();
    private WriterAppender appender;

    @TempDir
    Path checkpoints;

    @BeforeEach
    void captureTheLog() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        appender = WriterAppender.newBuilder().setName("scan-" + test.id).setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
        appender.start();
        context.getConfiguration().addAppender(appender);
        context.getRootLogger().addAppender(context.getConfiguration().getAppender(appender.getName()));
        Configurator.setLevel("io.gridwatch", Level.INFO);
        Configurator.setLevel("io.gridwatch.notify.LogChannel", Level.INFO); // every notice in the log
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getRootLogger().removeAppender(appender);
        Configurator.setLevel("io.gridwatch.notify.LogChannel", Level.WARN);
        appender.stop();
    }

    @Test
    void findsNoResidentsDataInClearAnywhereTheJobWrites() throws Exception {
        var config = test.config(Map.of(
                "checkpoint.storage", checkpoints.toUri().toString(),
                "checkpoint.interval", "500 ms",
                "elasticsearch.bulk.flush-interval", "200 ms",
                "events.max-out-of-orderness", "1 s",
                "events.idle-timeout", "2 s"));
        plant();

        List<String> alerts = test.runLiveUntilAllInputTaken(config, new Configuration(), checkpoints);

        assertThat(alerts).as("the planted dispute raised alerts, whose messages repeat its address").isNotEmpty();
        assertNoneInClear("the indices", indexed());
        assertNoneInClear("the alerts topic", topic(test.alerts));
        List<String> deadLetters = topic(test.deadLetters);
        assertThat(deadLetters).as("the rejected record and the duplicate").hasSizeGreaterThanOrEqualTo(2);
        assertNoneInClear("the dead-letter topic", deadLetters);
        assertNoneInClear("the checkpoint", checkpointFiles());
        assertThat(log.toString()).as("the log channel's notices were logged").contains("矛盾纠纷反复");
        assertNoneInClear("the log", List.of(log.toString()));
    }

    /** Three complaints about one doorway (a repeated dispute), a patrol, a duplicate and a record rejected whole. */
    private void plant() {
        Instant now = Instant.now();
        Subject doorway = new Subject("幸福里小区3栋502（业主电话" + MOBILE + "）", "P-" + test.id);
        String text = "邻居噪音，我的手机" + MOBILE + "，座机0571-" + LANDLINE + "，身份证" + ID_NUMBER + "，退款请打到银行卡" + CARD;
        List<byte[]> complaints = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            complaints.add(EventCodec.encode(complaint(test.id + "-" + i).grid(GRID_A).subject(doorway).text(text)
                    .complainant(NAME, MOBILE).at(now.plusMillis(i)).build()));
        }
        complaints.add(complaints.get(0)); // the intake sends one twice
        complaints.add(("{\"type\":\"complaint\",\"eventId\":\"" + test.id + "-bad\",\"text\":\"" + text + "\","
                + "\"complainant\":{\"name\":\"" + NAME + "\",\"phone\":\"" + MOBILE + "\"}}").getBytes(StandardCharsets.UTF_8));
        KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());
        kafka.send(test.complaints, complaints);
        kafka.send(test.patrols, List.of(EventCodec.encode(new Patrol(test.id + "-P", GRID_A, "W-1", now.plusMillis(5),
                PatrolKind.FOLLOWUP, test.id + "-1", List.of(new Finding(Category.NOISE, 2, "住户电话" + MOBILE + "，身份证" + ID_NUMBER)),
                null))));
    }

    private void assertNoneInClear(String where, List<String> texts) {
        for (String planted : PLANTED) {
            assertThat(texts).as("%s must not hold %s in clear", where, planted).noneMatch(text -> text.contains(planted));
        }
    }

    /** Every document of every GridWatch index, as JSON. */
    private static List<String> indexed() throws IOException {
        List<String> documents = new ArrayList<>();
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new org.elasticsearch.action.admin.indices.refresh.RefreshRequest("gridwatch-*"),
                    RequestOptions.DEFAULT);
            SearchResponse page = client.search(new SearchRequest("gridwatch-*").scroll(TimeValue.timeValueMinutes(1))
                    .source(new SearchSourceBuilder().size(1000)), RequestOptions.DEFAULT);
            while (page.getHits().getHits().length > 0) {
                for (SearchHit hit : page.getHits().getHits()) {
                    documents.add(hit.getId() + " " + hit.getSourceAsString());
                }
                page = client.scroll(new SearchScrollRequest(page.getScrollId()).scroll(TimeValue.timeValueMinutes(1)),
                        RequestOptions.DEFAULT);
            }
            ClearScrollRequest clear = new ClearScrollRequest();
            clear.addScrollId(page.getScrollId());
            client.clearScroll(clear, RequestOptions.DEFAULT);
        }
        return documents;
    }

    /** Each record of {@code topic}: key, value and headers, as text. */
    private static List<String> topic(String topic) {
        List<String> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : new KafkaTestClient(SharedServices.kafka().bootstrapServers()).readToEnd(topic)) {
            StringBuilder text = new StringBuilder();
            text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)).append(' ');
            text.append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                text.append(' ').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
            }
            records.add(text.toString());
        }
        return records;
    }

    /**
     * The files of the latest checkpoint, each read as UTF-8 and as ISO-8859-1 with Flink's own string encoding of
     * the name turned back into it — so a name kept by Flink's string serializer is found too.
     */
    private List<String> checkpointFiles() throws IOException {
        Path latest = Checkpoints.latest(checkpoints).orElseThrow();
        String flinkName = new String(flinkEncoded(NAME), StandardCharsets.ISO_8859_1);
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(latest.getParent())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                files.add(new String(bytes, StandardCharsets.UTF_8));
                files.add(new String(bytes, StandardCharsets.ISO_8859_1).replace(flinkName, NAME));
            }
        }
        assertThat(files).as("a checkpoint with state").isNotEmpty();
        return files;
    }

    /** {@code text} as Flink's {@code StringSerializer} writes it, without the length. */
    private static byte[] flinkEncoded(String text) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        StringValue.writeString(text, out);
        byte[] all = out.getCopyOfBuffer();
        return java.util.Arrays.copyOfRange(all, 1, all.length); // a short string's length takes one byte
    }
}
