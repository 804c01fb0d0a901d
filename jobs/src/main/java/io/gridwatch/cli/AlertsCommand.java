package io.gridwatch.cli;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.query.AlertQuery;
import io.gridwatch.query.AlertQuery.Listed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "Lists alerts, newest first: when, level, detector, grid, status and the message.")
final class AlertsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(CityTime.ZONE);

    @Mixin
    ElasticsearchOption elasticsearch;

    @Option(names = "--open", description = "Only alerts nobody has acknowledged or resolved, and not recovered.")
    boolean open;

    @Option(names = "--grid", paramLabel = "GRID", description = "Only this grid's alerts.")
    String grid;

    @Option(names = "--since", paramLabel = "DATE", description = "Only alerts created on or after this day (yyyy-MM-dd).")
    LocalDate since;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--registry", paramLabel = "CSV",
            description = "Grid registry to check --grid against (default: no check).")
    Path registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (grid != null && registry != null && GridRegistry.load(registry).find(grid).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--grid " + grid + " is not a grid of " + registry);
        }
        List<Listed> alerts;
        try (RestHighLevelClient client = elasticsearch.client()) {
            alerts = new AlertQuery(client).list(open, grid, since == null ? null
                    : since.atStartOfDay(CityTime.ZONE).toInstant(), limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (alerts.isEmpty()) {
            out.println("No alerts.");
            return 0;
        }
        TextTable table = new TextTable(List.of("CREATED", "LEVEL", "DETECTOR", "GRID", "STATUS", "MESSAGE"));
        for (Listed listed : alerts) {
            table.add(List.of(
                    WHEN.format(listed.alert().createdAt()),
                    listed.alert().level().label(),
                    listed.alert().detector(),
                    listed.alert().gridId(),
                    listed.alert().recoveredAt() != null ? "recovered" : listed.status(),
                    listed.alert().message()));
        }
        out.print(table);
        return 0;
    }
}
