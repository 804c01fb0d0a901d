package io.gridwatch.cli;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.rules.RulesLoader;
import io.gridwatch.notify.AlertNotices;
import io.gridwatch.replay.BacktestReport;
import io.gridwatch.replay.CsvHistoryReader;
import io.gridwatch.replay.CsvMapping;
import io.gridwatch.replay.History;
import io.gridwatch.replay.JsonlHistoryReader;
import io.gridwatch.replay.Replay;
import io.gridwatch.replay.RowError;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.simulate.Scenario;
import io.gridwatch.simulate.SimulationFiles;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs the detectors over a finished history (JSONL events, or CSV with a column mapping), "
                + "indexes events and alerts, and reports alerts per detector and level — with precision and recall "
                + "where labels are given.")
final class ReplayCommand implements Callable<Integer> {

    private static final int ERRORS_SHOWN = 20;

    @Parameters(paramLabel = "FILE", description = "events.jsonl, or a CSV export (with --mapping).")
    Path file;

    @Option(names = "--mapping", paramLabel = "YAML|open311",
            description = "Column mapping for a CSV export; 'open311' for Open311 GeoReport v2.")
    String mapping;

    @Option(names = "--registry", paramLabel = "CSV", description = "Grid registry (default: the shipped sample; "
            + "for CSV without grid ids, grids come from the nearest centroid, or from --cell-size squares without one).")
    Path registry;

    @Option(names = "--cell-size", defaultValue = "500", paramLabel = "METRES",
            description = "Square grid cells over the data, for CSV without grid ids or registry (default: ${DEFAULT-VALUE}).")
    double cellSize;

    @Option(names = "--rules", paramLabel = "YAML", description = "Rules to backtest (default: the shipped rules).")
    Path rules;

    @Option(names = "--labels", paramLabel = "JSONL", description = "Ground truth, as written by gridwatch simulate.")
    Path labels;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Option(names = "--no-index", description = "Only report; index nothing.")
    boolean noIndex;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        Rules backtested = rules == null ? RulesLoader.defaults() : RulesLoader.load(rules);
        History history = read();
        List<Scenario> truth = labels == null ? List.of() : SimulationFiles.readLabels(labels);
        reportErrors(history, console);
        if (history.generatedRegistry()) {
            Path grids = file.resolveSibling(file.getFileName() + ".grids.csv");
            try (Writer out = Files.newBufferedWriter(grids, StandardCharsets.UTF_8)) {
                history.registry().writeCsv(out);
            }
            console.printf("No grid ids and no registry: %d square grids of %.0f m generated, saved to %s%n",
                    history.registry().size(), cellSize, grids);
        }
        if (history.events().isEmpty()) {
            throw new IllegalArgumentException(file + " holds no event that can be replayed");
        }
        ElasticsearchAccess index = noIndex ? null : elasticsearch.access();
        if (index != null) {
            try (RestHighLevelClient client = elasticsearch.client()) {
                IndexTemplates.apply(client.getLowLevelClient());
            }
        }
        console.printf("Replaying %d events from %s to %s%n", history.events().size(),
                history.events().get(0).occurredAt(), history.horizon());
        console.flush();
        List<Alert> alerts;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Replay").setInitialMax(history.events().size())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" events", 1).build()) {
            alerts = Replay.run(history, backtested, index, bar::stepTo);
        }
        print(BacktestReport.of(alerts, truth), console);
        if (index != null) {
            console.printf("Indexed into %s: try ./gridwatch alerts, or ./gridwatch trends (with the same settings)%n",
                    index.hosts());
        }
        return 0;
    }

    private History read() {
        if (mapping != null) {
            return CsvHistoryReader.read(file, CsvMapping.load(mapping), registry == null ? null : GridRegistry.load(registry), cellSize);
        }
        if (file.toString().endsWith(".csv")) {
            throw new IllegalArgumentException(file + " is CSV: name its columns with --mapping FILE (or --mapping open311)");
        }
        return JsonlHistoryReader.read(file, registry == null ? GridRegistry.sample() : GridRegistry.load(registry));
    }

    private static void reportErrors(History history, PrintWriter console) {
        if (history.errors().isEmpty()) {
            return;
        }
        console.printf("%d rows could not be read and are left out:%n", history.errors().size());
        for (RowError error : history.errors().subList(0, Math.min(ERRORS_SHOWN, history.errors().size()))) {
            console.println("  " + error);
        }
        if (history.errors().size() > ERRORS_SHOWN) {
            console.printf("  ... and %d more%n", history.errors().size() - ERRORS_SHOWN);
        }
    }

    private static void print(BacktestReport report, PrintWriter console) {
        TextTable table = new TextTable(List.of("DETECTOR", "类型", "YELLOW", "ORANGE", "RED", "ALERTS", "LABELS",
                "FOUND", "RECALL", "PRECISION"));
        report.rows().forEach((detector, row) -> table.add(List.of(detector,
                AlertNotices.plainName(detector),
                String.valueOf(row.byLevel().getOrDefault(AlertLevel.YELLOW, 0)),
                String.valueOf(row.byLevel().getOrDefault(AlertLevel.ORANGE, 0)),
                String.valueOf(row.byLevel().getOrDefault(AlertLevel.RED, 0)),
                String.valueOf(row.alerts()),
                row.labels() == 0 ? "-" : String.valueOf(row.labels()),
                row.labels() == 0 ? "-" : String.valueOf(row.found()),
                ratio(row.recall()),
                ratio(row.precision()))));
        console.println();
        console.print(table);
        if (!report.labelled()) {
            console.println("(no --labels: recall and precision need ground truth)");
        }
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
