package io.gridwatch.job;

import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.sink.kafka.DeadLetterHeaders;
import io.gridwatch.testing.KafkaTestClient;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.core.CountRequest;
import org.elasticsearch.index.query.QueryBuilders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten thousand hostile records against the whole job on the real Kafka and Elasticsearch: every bad one lands in the
 * dead-letter topic with its reason, duplicates of valid events are recognised, the job finishes normally, and the
 * counts are Flink metrics.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class HostileInputTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private final TestRun test = new TestRun();
    private final Random random = new Random(7);
    private final Instant now = Instant.now();

    @Test
    void deadLettersEveryHostileRecordWithItsReasonAndKeepsRunning() throws Exception {
        Map<String, List<byte[]>> hostile = new HashMap<>();
        List<byte[]> valid = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            valid.add(EventCodec.encode(complaint(test.id + "-V-" + i).at(now.minus(Duration.ofHours(1 + i % 48))).build()));
        }
        hostile.put("duplicate", valid.stream().map(byte[]::clone).toList());
        hostile.put("malformed_json", many(2300, i -> random.nextBoolean()
                ? truncated(valid.get(i % valid.size()))
                : garbage()));
        hostile.put("invalid_field", many(2200, i -> switch (i % 4) {
            case 0 -> replace(valid.get(i % 500), "\"severity\":2", "\"severity\":\"high\"");
            case 1 -> replace(valid.get(i % 500), "\"severity\":2", "\"severity\":9");
            case 2 -> replace(valid.get(i % 500), "\"channel\":\"hotline_12345\"", "\"channel\":42");
            default -> replace(valid.get(i % 500), "\"eventId\":\"", "\"eventId\":\"\\u0001\\u001b[31m");
        }));
        hostile.put("missing_field", many(1500, i -> remove(valid.get(i % 500), i % 2 == 0 ? "subject" : "reportedAt")));
        hostile.put("too_large", many(200, i -> replace(valid.get(i % 500), "\"text\":\"", "\"text\":\"" + "长".repeat(330_000))));
        hostile.put("future_timestamp", many(800, i -> EventCodec.encode(complaint(test.id + "-F-" + i)
                .at(now.plus(Duration.ofDays(1 + i))).build())));
        hostile.put("ancient_timestamp", many(800, i -> EventCodec.encode(complaint(test.id + "-A-" + i)
                .at(Instant.parse("1970-01-01T00:00:00Z").plus(Duration.ofDays(i))).build())));
        hostile.put("unknown_grid", many(1000, i -> EventCodec.encode(complaint(test.id + "-G-" + i).grid("G-" + i).at(now).build())));
        hostile.put("unknown_type", many(200, i -> replace(valid.get(i % 500), "\"type\":\"complaint\"", "\"type\":\"rumour\"")));
        int total = valid.size() + hostile.values().stream().mapToInt(List::size).sum();
        assertThat(total).isEqualTo(10_000);

        test.config(Map.of());
        KafkaTestClient kafka = new KafkaTestClient(SharedServices.kafka().bootstrapServers());
        List<byte[]> all = new ArrayList<>(valid);
        hostile.values().forEach(all::addAll);
        java.util.Collections.shuffle(all, random);
        kafka.send(test.complaints, all);

        JobClient job = test.startBounded(Map.of("events.max-age", "365 d"));
        job.getJobExecutionResult().get(); // finishes normally: bad input never fails the job

        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(test.deadLetters, total - valid.size(), Duration.ofSeconds(60));
        Map<String, Long> byReason = letters.stream().collect(Collectors.groupingBy(
                l -> new String(l.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8),
                Collectors.counting()));
        Map<String, Long> expected = hostile.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size()));
        assertThat(byReason).isEqualTo(expected);
        assertThat(letters).hasSize(total - valid.size());
        assertThat(rejectedCounts(job.getJobID())).isEqualTo(expected);
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest("gridwatch-events-*"), RequestOptions.DEFAULT);
            assertThat(client.count(new CountRequest("gridwatch-events-*")
                            .query(QueryBuilders.prefixQuery("eventId", test.id + "-")), RequestOptions.DEFAULT)
                    .getCount()).as("the valid events, once each").isEqualTo(valid.size());
        }
    }

    /** {@code gridwatch.rejected.<reason>} summed over subtasks, for the reasons that occurred. */
    private static Map<String, Long> rejectedCounts(JobID job) {
        Map<String, Long> counts = new HashMap<>();
        METRICS.findMetrics(job, "gridwatch.rejected.").forEach((identifier, metric) -> {
            long count = ((Counter) metric).getCount();
            if (count > 0) {
                counts.merge(identifier.substring(identifier.lastIndexOf('.') + 1), count, Long::sum);
            }
        });
        return counts;
    }

    private static List<byte[]> many(int n, Function<Integer, byte[]> record) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(record.apply(i));
        }
        return records;
    }

    private byte[] truncated(byte[] json) {
        return java.util.Arrays.copyOf(json, 1 + random.nextInt(json.length - 2));
    }

    private byte[] garbage() {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        bytes[0] = '{';
        return bytes;
    }

    private static byte[] replace(byte[] json, String what, String with) {
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains(what);
        return text.replace(what, with).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] remove(byte[] json, String field) {
        String text = new String(json, StandardCharsets.UTF_8);
        String without = text.replaceAll(",\"" + field + "\":(\\{[^}]*\\}|\"[^\"]*\")", "");
        assertThat(without).isNotEqualTo(text);
        return without.getBytes(StandardCharsets.UTF_8);
    }
}
