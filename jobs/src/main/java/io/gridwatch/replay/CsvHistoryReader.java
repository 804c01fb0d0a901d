package io.gridwatch.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.grid.GridRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a finished history from a CSV export whose columns a {@link CsvMapping} names: each row a complaint, its
 * answer times (where the mapping names them) the follow-up and resolution patrols that answer it. Every row that
 * cannot become an event is reported with its line number, never dropped silently. Events are returned in event-time
 * order.
 */
public final class CsvHistoryReader {

    private CsvHistoryReader() {}

    /**
     * CSV rows as complaints. A row's grid is its grid id column if the mapping names one; otherwise the nearest
     * centroid of {@code registry}, or, without a registry, a square cell of {@code cellMeters} over the data's extent.
     */
    public static History read(Path file, CsvMapping mapping, GridRegistry registry, double cellMeters) {
        List<CsvRow> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(schema)
                .readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            long next = 2; // the header is line 1
            while (it.hasNextValue()) {
                Map<String, String> values = it.nextValue();
                // A row starts where the one before it ended; a quoted value may span lines.
                long line = next;
                next = it.getCurrentLocation().getLineNr();
                try {
                    rows.add(CsvRow.of(values, mapping));
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(line, e.getMessage()));
                    continue;
                }
                rows.get(rows.size() - 1).line = line;
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidMappingException("cannot read CSV " + file + ": " + e.getMessage());
        }
        boolean byColumn = mapping.columns().gridId() != null;
        boolean generated = !byColumn && registry == null;
        GridAssigner assigner = byColumn ? null : registry != null ? GridAssigner.nearestCentroid(registry)
                : GridAssigner.squareCells(rows.stream().filter(r -> r.location != null).map(r -> r.location).toList(),
                        cellMeters, "全域", rows.stream().map(r -> r.district).filter(d -> d != null && !d.isBlank())
                                .findFirst().orElse("全市"));
        GridRegistry grids = byColumn ? registry : assigner.registry();
        List<GridEvent> events = new ArrayList<>();
        for (CsvRow row : rows) {
            String gridId;
            if (byColumn) {
                gridId = row.gridId;
                if (grids == null || !grids.contains(gridId)) {
                    errors.add(new RowError(row.line, "gridId '" + gridId + "' is not in the grid registry"));
                    continue;
                }
            } else if (row.location == null) {
                errors.add(new RowError(row.line, "no grid id and no coordinates: the row cannot be placed in a grid"));
                continue;
            } else {
                gridId = assigner.gridFor(row.location);
            }
            events.add(new Complaint(row.eventId, gridId, row.occurredAt, row.occurredAt, mapping.channel(),
                    row.category, row.severity, new Subject(row.address, "-"), row.text, row.location, null));
            // The export's own record of the answer: without it every request would look unanswered (overdue).
            // The resident's rating goes with the last answer, as a return visit follows the closing.
            if (row.respondedAt != null) {
                events.add(answer(row, gridId, "/responded", row.respondedAt, PatrolKind.FOLLOWUP,
                        row.closedAt == null ? row.satisfaction : null));
            }
            if (row.closedAt != null) {
                events.add(answer(row, gridId, "/closed", row.closedAt, PatrolKind.RESOLUTION, row.satisfaction));
            }
            if (row.satisfaction != null && row.respondedAt == null && row.closedAt == null) {
                errors.add(new RowError(row.line, "a rating ('" + row.satisfaction.wireName()
                        + "') without an answer time: the request is kept, the rating has nothing to go with"));
            }
        }
        errors.sort(Comparator.comparingLong(RowError::line));
        return new History(History.inEventTimeOrder(events), grids, generated, errors);
    }

    private static Patrol answer(CsvRow row, String gridId, String suffix, Instant at, PatrolKind kind,
            Satisfaction satisfaction) {
        return new Patrol(row.eventId + suffix, gridId, "export", at, kind, row.eventId, List.of(), null, satisfaction);
    }
}
