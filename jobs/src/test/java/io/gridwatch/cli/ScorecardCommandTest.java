package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch scorecard} on a simulated month (August 2025, a period no other test writes) replayed into the real
 * Elasticsearch: its counts agree with the simulation's own events, and the spreadsheet holds the same rows.
 */
@ExtendWith(SharedServices.class)
@Tag("services")
class ScorecardCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Detection.miniCluster();

    private static final YearMonth AUGUST = YearMonth.of(2025, 8);

    @TempDir
    static Path dir;

    private final CommandRun command = new CommandRun();

    @BeforeAll
    static void replayASimulatedMonth() throws Exception {
        CommandRun setup = new CommandRun();
        assertThat(setup.run("simulate", "--seed", "23", "--days", "45", "--end", "2025-09-01T00:00:00+08:00",
                "--out", dir.toString())).as(setup.err()).isZero();
        assertThat(setup.run("replay", dir.resolve("events.jsonl").toString(), "--registry",
                dir.resolve("grids.csv").toString(), "--elasticsearch", SharedServices.elasticsearch().url()))
                .as(setup.err()).isZero();
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            client.indices().refresh(new RefreshRequest("gridwatch-*"), RequestOptions.DEFAULT);
        }
    }

    @Test
    void countsTheMonthsComplaintsResolutionsAndAnswersAsTheSimulationMadeThem() throws Exception {
        GridRegistry grids = GridRegistry.load(dir.resolve("grids.csv"));
        String street = grids.grids().iterator().next().street();
        Path xlsx = dir.resolve("考核.xlsx");

        assertThat(command.run("scorecard", "--street", street, "--month", "2025-08", "--registry",
                dir.resolve("grids.csv").toString(), "--format", "json", "--xlsx", xlsx.toString(),
                "--elasticsearch", SharedServices.elasticsearch().url())).as(command.err()).isZero();

        JsonNode scorecard = new ObjectMapper().readTree(command.out());
        Map<String, long[]> expected = byCommunity(grids, street);
        assertThat(scorecard.get("rows")).hasSize(expected.size());
        for (JsonNode row : scorecard.get("rows")) {
            long[] counts = expected.get(row.get("group").asText());
            JsonNode measures = row.get("measures");
            assertThat(measures.at("/complaints/value").asLong()).as(row.toString()).isEqualTo(counts[0]).isPositive();
            assertThat(measures.at("/resolution/numerator").asLong()).as(row.toString()).isEqualTo(counts[1]);
            assertThat(measures.at("/satisfaction/denominator").asLong()).as(row.toString()).isEqualTo(counts[2]);
            assertThat(measures.at("/on_time_response/value").asDouble()).isBetween(0.0, 1.0);
            assertThat(measures.at("/patrol_coverage/value").asDouble()).isPositive();
            assertThat(measures.at("/complaints/previous/value").asLong()).as("July's last two weeks").isPositive();
            assertThat(row.get("rank").isInt()).isTrue();
        }
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet ranking = book.getSheet("考核排名");
            assertThat(ranking.getLastRowNum()).isEqualTo(expected.size());
            assertThat(ranking.getRow(1).getCell(2).getStringCellValue())
                    .isEqualTo(scorecard.at("/rows/0/name").asText());
            assertThat(book.getSheet("指标说明").getRow(1).getCell(0).getStringCellValue()).isEqualTo("诉求数");
        }
    }

    @Test
    void printsARankedTableInChineseAndRefusesAnUnknownStreetInOneLine() {
        GridRegistry grids = GridRegistry.load(dir.resolve("grids.csv"));
        String street = grids.grids().iterator().next().street();

        assertThat(command.run("scorecard", "--street", street, "--month", "2025-08", "--registry",
                dir.resolve("grids.csv").toString(), "--elasticsearch", SharedServices.elasticsearch().url()))
                .as(command.err()).isZero();
        assertThat(command.out()).startsWith("2025年8月 网格考核（按社区，以响应率排名；括号内为较上月）")
                .contains("排名", "响应率", "办结率", "满意率", "走访覆盖率");

        CommandRun unknown = new CommandRun();
        assertThat(unknown.run("scorecard", "--street", "无此街道", "--month", "2025-08", "--registry",
                dir.resolve("grids.csv").toString())).isEqualTo(2);
        assertThat(unknown.err()).startsWith("gridwatch: unknown street '无此街道'; known: ").hasLineCount(1);
    }

    /**
     * Per community of {@code street}, from the simulation's own events: complaints accepted in August; of them,
     * resolved; and rated (the latest rating of any answer given from the complaint on).
     */
    private static Map<String, long[]> byCommunity(GridRegistry grids, String street) throws Exception {
        Map<String, Complaint> august = new HashMap<>();
        List<GridEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
            events.add(EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        for (GridEvent event : events) {
            if (event instanceof Complaint c && YearMonth.from(c.reportedAt().atZone(CityTime.ZONE)).equals(AUGUST)
                    && grids.find(c.gridId()).orElseThrow().street().equals(street)) {
                august.put(c.gridId() + "|" + c.eventId(), c);
            }
        }
        Set<String> resolved = new HashSet<>();
        Set<String> rated = new HashSet<>();
        for (GridEvent event : events) {
            if (event instanceof Patrol p && Patrol.answersAComplaint(p.kind(), p.refEventId())) {
                Complaint c = august.get(p.gridId() + "|" + p.refEventId());
                if (c != null && !p.occurredAt().isBefore(c.occurredAt())) {
                    if (p.kind() == PatrolKind.RESOLUTION) {
                        resolved.add(p.gridId() + "|" + p.refEventId());
                    }
                    if (p.satisfaction() != null) {
                        rated.add(p.gridId() + "|" + p.refEventId());
                    }
                }
            }
        }
        Map<String, long[]> counts = new HashMap<>();
        august.forEach((key, c) -> {
            Grid grid = grids.find(c.gridId()).orElseThrow();
            long[] row = counts.computeIfAbsent(grid.community(), g -> new long[3]);
            row[0]++;
            row[1] += resolved.contains(key) ? 1 : 0;
            row[2] += rated.contains(key) ? 1 : 0;
        });
        return counts;
    }
}
