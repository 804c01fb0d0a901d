package io.gridwatch.cli;

import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.rollup.GridDay;
import io.gridwatch.rollup.GridDayDocuments;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.sink.elasticsearch.EventDocuments;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.SharedServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** Trend queries over a known set of events in the real Elasticsearch (June 2030, so no other test's data). */
@ExtendWith(SharedServices.class)
@Tag("services")
class TrendsCommandTest {

    private static final String A = "G-XF-01-01";
    private static final String B = "G-XF-01-02";
    private static final String VILLAGE = "G-CN-01-01";

    @BeforeAll
    static void indexEvents() throws Exception {
        List<Complaint> complaints = List.of(
                at("T-1", A, "2030-06-03T02:00:00Z", Category.NOISE),
                at("T-2", A, "2030-06-03T03:00:00Z", Category.NOISE),
                at("T-3", A, "2030-06-03T04:00:00Z", Category.NEIGHBOR_DISPUTE),
                at("T-4", B, "2030-06-03T05:00:00Z", Category.NOISE),
                // 16:30 UTC on 3 June is 00:30 on 4 June in Beijing: it counts on the 4th.
                at("T-5", A, "2030-06-03T16:30:00Z", Category.NEIGHBOR_DISPUTE),
                at("T-6", VILLAGE, "2030-06-03T02:00:00Z", Category.NOISE));
        EventDocuments documents = new EventDocuments(GridRegistry.sample());
        try (RestHighLevelClient client = client()) {
            IndexTemplates.apply(client.getLowLevelClient());
            BulkRequest bulk = new BulkRequest().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
            for (Complaint complaint : complaints) {
                Document document = documents.toDocument(new Arrival(complaint, false));
                bulk.add(new IndexRequest(document.index()).id(document.id()).source(document.json(), XContentType.JSON));
            }
            // Rollups only, in 2031: a long range must be counted from them, there being no 2031 events.
            GridDayDocuments days = new GridDayDocuments(GridRegistry.sample());
            for (GridDay day : List.of(
                    new GridDay(A, LocalDate.parse("2031-01-10"), 3, Map.of("noise", 2, "sanitation", 1),
                            Map.of("1", 3), Map.of(), 0, 0, null, null),
                    new GridDay(B, LocalDate.parse("2031-01-31"), 1, Map.of("noise", 1), Map.of("2", 1), Map.of(), 0, 0,
                            null, null),
                    new GridDay(A, LocalDate.parse("2031-03-01"), 2, Map.of("wage_arrears", 2), Map.of("3", 2), Map.of(),
                            0, 0, null, null))) {
                Document document = days.toDocument(day);
                bulk.add(new IndexRequest(document.index()).id(document.id()).source(document.json(), XContentType.JSON));
            }
            assertThat(client.bulk(bulk, RequestOptions.DEFAULT).hasFailures()).isFalse();
            client.indices().refresh(new RefreshRequest(Indices.EVENTS), RequestOptions.DEFAULT);
        }
    }

    @Test
    void countsAStreetsComplaintsPerDayByCategoryInBeijingTime() {
        assertThat(run("trends", "--street", "东湖街道", "--from", "2030-06-03", "--to", "2030-06-05", "--by", "category")
                        .lines())
                .containsExactly(
                        "PERIOD      neighbor_dispute  noise",
                        "2030-06-03  1                 3",
                        "2030-06-04  1                 0",
                        "2030-06-05  0                 0");
    }

    @Test
    void writesAGridsTotalsAsCsvAndACommunitysWeekAsJson() {
        assertThat(run("trends", "--grid", B, "--from", "2030-06-03", "--to", "2030-06-04", "--format", "csv"))
                .isEqualTo("period,total\n2030-06-03,1\n2030-06-04,0\n");
        assertThat(run("trends", "--community", "幸福里社区", "--from", "2030-06-03", "--to", "2030-06-09",
                        "--interval", "week", "--category", "noise", "--format", "json"))
                .isEqualTo("[{\"period\":\"2030-06-03\",\"counts\":{\"total\":3}}]\n");
    }

    @Test
    void classifiesEveryGridOfTheStreetByItsHotSpotHistory() {
        // One week: A 4 complaints, B 1, C and D none; mean 1.25, S = 1.639; each neighbourhood has 3 grids, so
        // Gi* = (sum − 3.75) / 1.639: A {A,B,C} 0.76, B {B,A,D} 0.76, C {C,A,D} 0.15, D {D,B,C} −1.68. None is hot.
        assertThat(run("hotspots", "--street", "东湖街道", "--from", "2030-06-03", "--to", "2030-06-09").lines())
                .containsExactly(
                        "GRID        NAME              PATTERN  HOT STEPS  TREND Z  LATEST Gi* Z",
                        "G-XF-01-01  幸福里第一网格    none     0/1        0.00     0.76",
                        "G-XF-01-02  幸福里第二网格    none     0/1        0.00     0.76",
                        "G-XF-02-01  和平社区第一网格  none     0/1        0.00     0.15",
                        "G-XF-02-02  和平社区第二网格  none     0/1        0.00     -1.68");
    }

    @Test
    void countsLongRangesFromTheDailyRollups() {
        assertThat(run("trends", "--street", "东湖街道", "--from", "2031-01-01", "--to", "2031-04-30",
                        "--interval", "month", "--by", "category").lines())
                .containsExactly(
                        "PERIOD      noise  sanitation  wage_arrears",
                        "2031-01-01  3      1           0",
                        "2031-02-01  0      0           0",
                        "2031-03-01  0      0           2",
                        "2031-04-01  0      0           0");
        assertThat(run("trends", "--grid", A, "--from", "2031-01-01", "--to", "2031-04-30", "--interval", "month",
                        "--category", "noise", "--format", "csv"))
                .isEqualTo("period,total\n2031-01-01,2\n2031-02-01,0\n2031-03-01,0\n2031-04-01,0\n");
    }

    @Test
    void reportsAnUnknownGridInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = GridWatchCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("trends", "--grid", "G-NOWHERE", "--from", "2030-06-03", "--to", "2030-06-04");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("gridwatch: unknown grid 'G-NOWHERE'; known: G-CN-01-01, G-CN-01-02, G-XF-01-01");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = GridWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        String[] withServer = Stream.concat(Arrays.stream(args),
                Stream.of("--elasticsearch", SharedServices.elasticsearch().url())).toArray(String[]::new);
        assertThat(cli.execute(withServer)).isZero();
        return out.toString();
    }

    private static Complaint at(String id, String grid, String instant, Category category) {
        return complaint(id).grid(grid).at(Instant.parse(instant)).category(category).build();
    }

    private static RestHighLevelClient client() {
        return ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client();
    }
}
