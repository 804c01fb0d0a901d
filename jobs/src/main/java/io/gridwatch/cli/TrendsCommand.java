package io.gridwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.WireName;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.query.TrendQuery;
import io.gridwatch.query.TrendQuery.Interval;
import io.gridwatch.query.TrendQuery.Period;
import io.gridwatch.query.TrendQuery.Scope;
import io.gridwatch.query.TrendQuery.Split;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "trends",
        mixinStandardHelpOptions = true,
        description = "Complaints per day, week or month for a street, community or grid, optionally split.")
final class TrendsCommand implements Callable<Integer> {

    enum Format { table, csv, json }

    static final class Where {
        @Option(names = "--street", paramLabel = "STREET", required = true) String street;
        @Option(names = "--community", paramLabel = "COMMUNITY", required = true) String community;
        @Option(names = "--grid", paramLabel = "GRID", required = true) String grid;
    }

    @ArgGroup(multiplicity = "1")
    Where where;

    @Mixin
    RangeOptions range;

    @Option(names = "--interval", defaultValue = "DAY", description = "DAY, WEEK or MONTH (default: ${DEFAULT-VALUE}).")
    Interval interval;

    @Option(names = "--category", paramLabel = "CATEGORY", description = "Only complaints of this category.")
    String category;

    @Option(names = "--by", paramLabel = "FIELD", description = "Split each period by category, grid or severity.")
    String by;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scope scope = scope(range.grids(spec));
        if (category != null && WireName.find(Category.class, category).isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "unknown category '" + category + "'; known: " + WireName.choices(Category.class));
        }
        List<Period> periods;
        try (RestHighLevelClient client = elasticsearch.client()) {
            periods = new TrendQuery(client).run(scope, range.from, range.to, interval, category,
                    by == null ? Split.NONE : choice(Split.class, "--by", by));
        }
        print(periods, spec.commandLine().getOut());
        return 0;
    }

    private Scope scope(GridRegistry grids) {
        if (where.grid != null) {
            return known(grids, "grid", where.grid, Grid::gridId, new Scope("gridId", where.grid));
        }
        if (where.community != null) {
            return known(grids, "community", where.community, Grid::community, new Scope("community", where.community));
        }
        return known(grids, "street", where.street, Grid::street, new Scope("street", where.street));
    }

    private Scope known(GridRegistry grids, String what, String value, Function<Grid, String> field, Scope scope) {
        TreeSet<String> names = new TreeSet<>();
        grids.grids().forEach(grid -> names.add(field.apply(grid)));
        if (!names.contains(value)) {
            throw new ParameterException(spec.commandLine(),
                    "unknown " + what + " '" + value + "'; known: " + String.join(", ", names));
        }
        return scope;
    }

    private <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value) && !constant.name().equals("NONE")) {
                return constant;
            }
        }
        throw new ParameterException(spec.commandLine(), "unknown " + option + " '" + value + "'");
    }

    private void print(List<Period> periods, PrintWriter out) throws Exception {
        TreeSet<String> groups = new TreeSet<>();
        periods.forEach(period -> groups.addAll(period.counts().keySet()));
        if (groups.isEmpty()) {
            groups.add(by == null ? TrendQuery.TOTAL : "(none)");
        }
        switch (format) {
            case json -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Period period : periods) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("period", period.start().toString());
                    row.put("counts", period.counts());
                    rows.add(row);
                }
                out.println(new ObjectMapper().writeValueAsString(rows));
            }
            case csv -> {
                out.println("period," + String.join(",", groups));
                for (Period period : periods) {
                    out.println(period.start() + "," + String.join(",",
                            groups.stream().map(g -> String.valueOf(period.counts().getOrDefault(g, 0L))).toList()));
                }
            }
            case table -> {
                List<String> header = new ArrayList<>(List.of("PERIOD"));
                header.addAll(groups);
                TextTable table = new TextTable(header);
                for (Period period : periods) {
                    List<String> row = new ArrayList<>(List.of(period.start().toString()));
                    groups.forEach(g -> row.add(String.valueOf(period.counts().getOrDefault(g, 0L))));
                    table.add(row);
                }
                out.print(table);
            }
        }
    }
}
