package io.gridwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.notify.NotifyPolicy;
import io.gridwatch.scorecard.Figure;
import io.gridwatch.scorecard.Grouping;
import io.gridwatch.scorecard.Measure;
import io.gridwatch.scorecard.Scorecard;
import io.gridwatch.scorecard.ScorecardQuery;
import io.gridwatch.scorecard.ScorecardRequest;
import io.gridwatch.scorecard.ScorecardSheet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.elasticsearch.client.RestHighLevelClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "scorecard",
        mixinStandardHelpOptions = true,
        description = "A month's scorecard (月度考核) of a street's communities or a community's grids: response, "
                + "resolution, satisfaction, repeated complaints, patrol coverage and warnings handled, ranked, with "
                + "the change from the month before.")
final class ScorecardCommand implements Callable<Integer> {

    enum Format { table, csv, json }

    static final class Where {
        @Option(names = "--street", paramLabel = "STREET", required = true,
                description = "Score the street's communities (or its grids, with --by grid).") String street;
        @Option(names = "--community", paramLabel = "COMMUNITY", required = true,
                description = "Score the community's grids.") String community;
    }

    @ArgGroup(multiplicity = "1")
    Where where;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month (Beijing time).")
    String month;

    @Option(names = "--by", paramLabel = "GROUPING",
            description = "One row per grid, community or street "
                    + "(default: community for --street, grid for --community).")
    Grouping by;

    @Option(names = "--rank-by", paramLabel = "MEASURE", defaultValue = "on_time_response",
            description = "The measure ranked by (default: ${DEFAULT-VALUE}); one of ${COMPLETION-CANDIDATES}.",
            completionCandidates = RankableMeasures.class)
    String rankBy;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--xlsx", paramLabel = "FILE", description = "Also write the scorecard as a spreadsheet.")
    Path xlsx;

    @Option(names = "--patrol-interval", paramLabel = "TYPE=DAYS",
            description = "A grid type's patrol interval for 走访覆盖率 (default: village=7; other types daily).")
    Map<String, Integer> patrolIntervals;

    @Option(names = "--registry", paramLabel = "CSV", description = "Grid registry (default: the shipped sample).")
    Path registry;

    @Mixin
    ElasticsearchOption elasticsearch;

    @Spec
    CommandSpec spec;

    /** The measures that can be ranked by: all but the counts that are neither better high nor low. */
    static final class RankableMeasures extends ArrayList<String> {
        RankableMeasures() {
            for (Measure measure : Measure.values()) {
                if (measure.better() != Measure.Better.NEITHER) {
                    add(measure.key());
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        GridRegistry grids = registry == null ? GridRegistry.sample() : GridRegistry.load(registry);
        ScorecardRequest request = new ScorecardRequest(scope(grids), grouping(), month(), measure(), Instant.now(),
                policy(), patrolIntervals == null ? ScorecardRequest.DEFAULT_PATROL_INTERVALS : intervals());
        Scorecard scorecard;
        try (RestHighLevelClient client = elasticsearch.client()) {
            scorecard = Scorecard.of(request, new ScorecardQuery(client).facts(request));
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> out.print(table(scorecard));
            case csv -> out.print(csv(scorecard));
            case json -> out.println(json(scorecard));
        }
        if (xlsx != null) {
            ScorecardSheet.write(scorecard, xlsx);
            spec.commandLine().getErr().println("已写入 " + xlsx);
        }
        return 0;
    }

    private List<Grid> scope(GridRegistry grids) {
        Grouping within = where.street != null ? Grouping.STREET : Grouping.COMMUNITY;
        String name = where.street != null ? where.street : where.community;
        List<Grid> scope = ScorecardRequest.gridsOf(grids, within, name);
        if (scope.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            grids.grids().forEach(grid -> known.add(within.of(grid)));
            throw new ParameterException(spec.commandLine(), "unknown " + within.name().toLowerCase() + " '" + name
                    + "'; known: " + String.join(", ", known));
        }
        return scope;
    }

    private Grouping grouping() {
        return by != null ? by : where.street != null ? Grouping.COMMUNITY : Grouping.GRID;
    }

    private YearMonth month() {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--month '" + month + "' is not a month (YYYY-MM)");
        }
    }

    private Measure measure() {
        for (Measure measure : Measure.values()) {
            if (measure.key().equals(rankBy) && measure.better() != Measure.Better.NEITHER) {
                return measure;
            }
        }
        throw new ParameterException(spec.commandLine(), "cannot rank by '" + rankBy + "'; one of: "
                + String.join(", ", new RankableMeasures()));
    }

    private Map<String, Integer> intervals() {
        patrolIntervals.forEach((type, days) -> {
            if (days < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--patrol-interval " + type + "=" + days + ": at least one day");
            }
        });
        return patrolIntervals;
    }

    /** The escalation deadlines the job runs with: {@code notify.yaml} of the shared settings, else the defaults. */
    private NotifyPolicy policy() {
        return elasticsearch.settings().notifications().routes().policy();
    }

    static String table(Scorecard scorecard) {
        ScorecardRequest request = scorecard.request();
        StringBuilder out = new StringBuilder(String.format("%d年%d月 网格考核（按%s，以%s排名；括号内为较上月）%n",
                request.month().getYear(), request.month().getMonthValue(), request.by().label(),
                request.rankBy().label()));
        List<String> header = new ArrayList<>(List.of("排名", "上月", request.by().label()));
        for (Measure measure : Measure.values()) {
            header.add(measure.label());
        }
        TextTable rows = new TextTable(header);
        for (Scorecard.Row row : scorecard.rows()) {
            List<String> line = new ArrayList<>(List.of(rank(row.rank()), rank(row.previousRank()), row.name()));
            for (Measure measure : Measure.values()) {
                Figure now = row.figures().get(measure);
                String change = now.change(row.previous().get(measure), measure.unit());
                line.add(now.text(measure.unit()) + (change.equals(Figure.NOTHING) ? "" : " (" + change + ")"));
            }
            rows.add(line);
        }
        out.append(rows);
        if (!scorecard.detectors().isEmpty()) {
            out.append(String.format("%n预警误报（工作人员判定）与质量基准%n"));
            TextTable detectors = new TextTable(List.of("检测器", "已处置", "误报率", "误报/百网格周", "质量基准/百网格周"));
            for (Scorecard.DetectorRow detector : scorecard.detectors()) {
                detectors.add(List.of(detector.detector(), String.valueOf(detector.falseAlarmRate().denominator()),
                        detector.falseAlarmRate().text(Measure.Unit.PERCENT),
                        twoPlaces(detector.falseAlarmsPer100GridWeeks()), twoPlaces(detector.benchmark())));
            }
            out.append(detectors);
        }
        return out.toString();
    }

    static String csv(Scorecard scorecard) {
        List<String> header = new ArrayList<>(List.of("rank", "previous_rank", "group", "name"));
        for (Measure measure : Measure.values()) {
            header.add(measure.key());
            header.add(measure.key() + "_previous");
        }
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Scorecard.Row row : scorecard.rows()) {
            List<String> line = new ArrayList<>(List.of(number(row.rank()), number(row.previousRank()),
                    quoted(row.group()), quoted(row.name())));
            for (Measure measure : Measure.values()) {
                line.add(value(row.figures().get(measure), measure.unit()));
                line.add(value(row.previous().get(measure), measure.unit()));
            }
            out.append(String.join(",", line)).append('\n');
        }
        return out.toString();
    }

    static String json(Scorecard scorecard) {
        ObjectMapper mapper = new ObjectMapper();
        ScorecardRequest request = scorecard.request();
        ObjectNode root = mapper.createObjectNode()
                .put("month", request.month().toString())
                .put("by", request.by().name().toLowerCase())
                .put("rankBy", request.rankBy().key())
                .put("asOf", request.asOf().toString());
        ArrayNode rows = root.putArray("rows");
        for (Scorecard.Row row : scorecard.rows()) {
            ObjectNode line = rows.addObject().put("group", row.group()).put("name", row.name());
            line.set("rank", mapper.valueToTree(row.rank()));
            line.set("previousRank", mapper.valueToTree(row.previousRank()));
            ObjectNode measures = line.putObject("measures");
            for (Measure measure : Measure.values()) {
                ObjectNode figure = mapper.valueToTree(figureMap(row.figures().get(measure)));
                figure.set("previous", mapper.valueToTree(figureMap(row.previous().get(measure))));
                measures.set(measure.key(), figure);
            }
        }
        ArrayNode detectors = root.putArray("detectors");
        for (Scorecard.DetectorRow detector : scorecard.detectors()) {
            ObjectNode line = detectors.addObject().put("detector", detector.detector());
            line.set("falseAlarmRate", mapper.valueToTree(figureMap(detector.falseAlarmRate())));
            line.set("falseAlarmsPer100GridWeeks", mapper.valueToTree(detector.falseAlarmsPer100GridWeeks()));
            line.set("benchmarkPer100GridWeeks", mapper.valueToTree(detector.benchmark()));
        }
        return root.toString();
    }

    private static Map<String, Object> figureMap(Figure figure) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", figure.value());
        if (figure.denominator() != null) {
            map.put("numerator", figure.numerator());
            map.put("denominator", figure.denominator());
        }
        return map;
    }

    private static String twoPlaces(Double value) {
        return value == null ? Figure.NOTHING : String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    private static String rank(Integer rank) {
        return rank == null ? Figure.NOTHING : String.valueOf(rank);
    }

    private static String number(Integer value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** Machine-readable: a count as a whole number, others as they are; nothing to measure as an empty cell. */
    private static String value(Figure figure, Measure.Unit unit) {
        if (figure.value() == null) {
            return "";
        }
        return unit == Measure.Unit.COUNT ? String.valueOf(Math.round(figure.value())) : String.valueOf(figure.value());
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
