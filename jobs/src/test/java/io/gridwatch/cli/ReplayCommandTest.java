package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.core.CountRequest;
import org.elasticsearch.index.query.QueryBuilders;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridwatch simulate} then {@code gridwatch replay}, indexing into the real Elasticsearch. */
@ExtendWith(SharedServices.class)
@Tag("services")
class ReplayCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private final CommandRun command = new CommandRun();

    @TempDir
    Path dir;

    @Test
    void backtestsASimulatedCityAndIndexesItsEventsAndAlerts() throws Exception {
        assertThat(command.run("simulate", "--seed", "11", "--days", "21", "--end", "2026-02-01T00:00:00Z", "--out", dir.toString()))
                .isZero();
        assertThat(command.run("replay", dir.resolve("events.jsonl").toString(), "--registry", dir.resolve("grids.csv").toString(),
                "--labels", dir.resolve("labels.jsonl").toString(), "--elasticsearch", SharedServices.elasticsearch().url()))
                .as(command.err()).isZero();

        String report = command.out();
        for (String detector : new String[] {"repeated_dispute", "escalating_dispute", "grid_hotspot", "cluster_hotspot",
                "overdue_response", "patrol_gap"}) {
            assertThat(report.lines().filter(l -> l.startsWith(detector + " "))).singleElement()
                    .satisfies(line -> assertThat(line.split("\\s+")[8]).as(line).isEqualTo("1.00"));
        }
        List<String> ids = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
            ids.add(EventCodec.decode(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).eventId());
        }
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest("gridwatch-*"), RequestOptions.DEFAULT);
            long events = client.count(new CountRequest("gridwatch-events-*")
                    .query(QueryBuilders.termsQuery("eventId", ids)), RequestOptions.DEFAULT).getCount();
            long alerts = client.count(new CountRequest(Indices.ALERTS)
                    .query(QueryBuilders.termsQuery("eventIds", ids)), RequestOptions.DEFAULT).getCount();
            assertThat(events).isEqualTo(ids.size());
            assertThat(alerts).isPositive();
        }
    }

    @Test
    void reportsCsvRowsThatCannotBeMappedWithTheirLineNumbers() throws Exception {
        Path csv = Files.writeString(dir.resolve("hotline.csv"), """
                service_request_id,service_name,requested_datetime,address,lat,long
                1,Noise,2026-03-02T21:30:00+08:00,幸福里小区3栋,30.2085,120.2101
                2,Noise,not a time,幸福里小区3栋,30.2085,120.2101
                3,Noise,2026-03-02T22:30:00+08:00,幸福里小区3栋,,
                """);

        assertThat(command.run("replay", csv.toString(), "--mapping", "open311", "--no-index")).as(command.err()).isZero();

        assertThat(command.out()).contains("2 rows could not be read and are left out:")
                .contains("  line 3: requested_datetime 'not a time' is not a time (ISO-8601 expected)")
                .contains("  line 4: no grid id and no coordinates: the row cannot be placed in a grid")
                .contains("1 square grids of 500 m generated");
    }

    @Test
    void refusesACsvWithoutAMappingInOneLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("hotline.csv"), "a,b\n1,2\n");

        assertThat(command.run("replay", csv.toString(), "--no-index")).isEqualTo(1);
        assertThat(command.err()).isEqualTo(
                "gridwatch: " + csv + " is CSV: name its columns with --mapping FILE (or --mapping open311)\n");
    }
}
