package io.gridwatch.cli;

import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.query.HotspotHistory;
import io.gridwatch.query.HotspotHistory.GridPattern;
import io.gridwatch.query.TrendQuery;
import io.gridwatch.query.TrendQuery.Interval;
import io.gridwatch.query.TrendQuery.Scope;
import io.gridwatch.query.TrendQuery.Split;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "hotspots",
        mixinStandardHelpOptions = true,
        description = {
            "Classifies each grid of a street the way emerging hot spot analysis does (Getis-Ord Gi* over the grid",
            "and its neighbours per period, Mann-Kendall trend): new, consecutive, intensifying, persistent,",
            "diminishing, sporadic, oscillating, historical or none."
        })
final class HotspotsCommand implements Callable<Integer> {

    @Option(names = "--street", required = true, paramLabel = "STREET")
    String street;

    @Mixin
    RangeOptions range;

    @Option(names = "--interval", defaultValue = "WEEK", description = "The time step: DAY, WEEK or MONTH (default: ${DEFAULT-VALUE}).")
    Interval interval;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GridRegistry grids = range.grids(spec);
        List<Grid> inStreet = grids.grids().stream().filter(g -> g.street().equals(street)).toList();
        if (inStreet.isEmpty()) {
            TreeSet<String> streets = new TreeSet<>();
            grids.grids().forEach(g -> streets.add(g.street()));
            throw new ParameterException(spec.commandLine(),
                    "unknown street '" + street + "'; known: " + String.join(", ", streets));
        }
        if (inStreet.size() < 2) {
            throw new ParameterException(spec.commandLine(), "street '" + street + "' has one grid: nothing to compare");
        }
        List<TrendQuery.Period> periods;
        try (RestHighLevelClient client = elasticsearch.client()) {
            periods = new TrendQuery(client).run(new Scope("street", street), range.from, range.to, interval, null, Split.GRID);
        }
        TextTable table = new TextTable(List.of("GRID", "NAME", "PATTERN", "HOT STEPS", "TREND Z", "LATEST Gi* Z"));
        for (GridPattern result : HotspotHistory.analyse(inStreet, periods)) {
            table.add(List.of(
                    result.grid().gridId(),
                    result.grid().name(),
                    result.pattern().name().toLowerCase(Locale.ROOT),
                    result.hotSteps() + "/" + result.steps(),
                    String.format(Locale.ROOT, "%.2f", result.trendZ()),
                    String.format(Locale.ROOT, "%.2f", result.latestZ())));
        }
        spec.commandLine().getOut().print(table);
        return 0;
    }
}
