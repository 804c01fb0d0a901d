package io.gridwatch.cli;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.testing.SharedServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.xcontent.XContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(SharedServices.class)
@Tag("services")
class AlertsCommandTest {

    private final String grid = "G-TEST-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void indexAlerts() throws Exception {
        try (RestHighLevelClient client = client()) {
            IndexTemplates.apply(client.getLowLevelClient());
            index(client, alert("A-1", AlertLevel.YELLOW, DAY_1, "第一条"));
            index(client, alert("A-2", AlertLevel.RED, DAY_2, "第二条"));
            client.update(new UpdateRequest(Indices.ALERTS, "A-1-" + grid)
                    .doc(Map.of("status", "acknowledged")), RequestOptions.DEFAULT);
            client.indices().refresh(new RefreshRequest(Indices.ALERTS), RequestOptions.DEFAULT);
        }
    }

    @Test
    void listsTheGridsAlertsNewestFirstInATable() {
        String out = run("alerts", "--grid", grid);

        assertThat(out.lines()).containsExactly(
                "CREATED           LEVEL  DETECTOR          GRID           STATUS        MESSAGE",
                "2026-03-03 09:00  红色   repeated_dispute  " + grid + "  open          第二条",
                "2026-03-02 09:00  黄色   repeated_dispute  " + grid + "  acknowledged  第一条");
    }

    @Test
    void listsOnlyOpenAlertsSinceADay() {
        assertThat(run("alerts", "--grid", grid, "--open").lines()).hasSize(2).last().asString().contains("第二条");
        assertThat(run("alerts", "--grid", grid, "--since", "2026-03-04")).isEqualTo("No alerts.\n");
    }

    @Test
    void refusesAGridNotInTheRegistryGivenInOneLine(@TempDir Path dir) throws Exception {
        Path registry = dir.resolve("grids.csv");
        try (java.io.Writer out = Files.newBufferedWriter(registry)) {
            io.gridwatch.common.grid.GridRegistry.sample().writeCsv(out);
        }
        CommandLine cli = GridWatchCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("alerts", "--grid", "G-NOWHERE", "--registry", registry.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("gridwatch: --grid G-NOWHERE is not a grid of " + registry);
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = GridWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        String[] withServer = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--elasticsearch", SharedServices.elasticsearch().url())).toArray(String[]::new);
        assertThat(cli.execute(withServer)).isZero();
        return out.toString();
    }

    private Alert alert(String id, AlertLevel level, Instant at, String message) {
        return new Alert(id + "-" + grid, "repeated_dispute", level, grid, "测试网格", "测试社区", "测试街道", "测试区",
                "k", at, at, 1, List.of(id), message, at, null);
    }

    private static void index(RestHighLevelClient client, Alert alert) throws Exception {
        Document document = new AlertDocuments().toDocument(alert);
        client.index(new IndexRequest(document.index()).id(document.id()).source(document.insertOnly(), XContentType.JSON),
                RequestOptions.DEFAULT);
    }

    private static RestHighLevelClient client() {
        return ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client();
    }
}
