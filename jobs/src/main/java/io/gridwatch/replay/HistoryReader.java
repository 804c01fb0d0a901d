package io.gridwatch.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.common.codec.InvalidEventException;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.config.GridWatchOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a finished history: GridWatch's JSONL event format (one event per line, as on the Kafka topics), or a CSV
 * export whose columns a {@link CsvMapping} names. Every row that cannot become an event is reported with its line
 * number, never dropped silently. A CSV row's answer times, where the mapping names them, become the follow-up and
 * resolution patrols that answer its complaint. Events are returned in event-time order.
 */
public final class HistoryReader {

    /** A history may reach back as far as it does. */
    private static final Duration ANY_AGE = Duration.ofDays(365L * 1000);

    private HistoryReader() {}

    /**
     * JSONL events of the grids of {@code registry}, each validated exactly as the live job validates a record
     * ({@link EventValidator}, the live job's default limits, "future" measured against the wall clock), except that a
     * history may be as old as it is: a record dated years ahead — a producer's broken default — is reported with its
     * line, never replayed, so it cannot stretch the history's event time and fire every deadline up to it.
     */
    public static History readJsonl(Path file, GridRegistry registry) {
        EventValidator validator = new EventValidator(registry, GridWatchOptions.MAX_FUTURE_SKEW.defaultValue(),
                ANY_AGE, GridWatchOptions.MAX_RECORD_BYTES.defaultValue());
        Instant now = Instant.now();
        List<GridEvent> events = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    events.add(validator.validate(text.getBytes(StandardCharsets.UTF_8), now));
                } catch (InvalidEventException e) {
                    errors.add(new RowError(line, e.rejection().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new History(sorted(events), registry, false, errors);
    }

    /**
     * CSV rows as complaints. A row's grid is its grid id column if the mapping names one; otherwise the nearest
     * centroid of {@code registry}, or, without a registry, a square cell of {@code cellMeters} over the data's extent.
     */
    public static History readCsv(Path file, CsvMapping mapping, GridRegistry registry, double cellMeters) {
        List<Row> rows = new ArrayList<>();
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
                    rows.add(Row.of(values, mapping));
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
        for (Row row : rows) {
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
            if (row.respondedAt != null) {
                events.add(answer(row, gridId, "/responded", row.respondedAt, PatrolKind.FOLLOWUP));
            }
            if (row.closedAt != null) {
                events.add(answer(row, gridId, "/closed", row.closedAt, PatrolKind.RESOLUTION));
            }
        }
        errors.sort(Comparator.comparingLong(RowError::line));
        return new History(sorted(events), grids, generated, errors);
    }

    private static Patrol answer(Row row, String gridId, String suffix, Instant at, PatrolKind kind) {
        return new Patrol(row.eventId + suffix, gridId, "export", at, kind, row.eventId, List.of(), null);
    }

    private static List<GridEvent> sorted(List<GridEvent> events) {
        events.sort(Comparator.comparing(GridEvent::knownAt)); // in event time; stable: ties keep file order
        return events;
    }

    /** One CSV row, mapped; the constructor throws naming the column of the first problem. */
    private static final class Row {
        long line;
        String eventId;
        Instant occurredAt;
        Category category;
        int severity;
        String address;
        String text;
        GeoPoint location;
        String gridId;
        String district;
        Instant respondedAt;
        Instant closedAt;

        static Row of(Map<String, String> values, CsvMapping mapping) {
            CsvMapping.Columns columns = mapping.columns();
            Row row = new Row();
            row.eventId = required(values, columns.eventId());
            row.occurredAt = time(required(values, columns.occurredAt()), columns.occurredAt(), mapping);
            row.category = mapping.categoryOf(optional(values, columns.category()));
            String severity = optional(values, columns.severity());
            row.severity = severity.isBlank() ? mapping.defaultSeverity() : severity(severity, columns.severity());
            row.address = optional(values, columns.address());
            row.text = optional(values, columns.text());
            row.gridId = columns.gridId() == null ? null : required(values, columns.gridId());
            row.district = optional(values, columns.district());
            row.respondedAt = answeredAt(values, columns.respondedAt(), row, mapping);
            if (mapping.isClosed(optional(values, columns.status()))) {
                row.closedAt = answeredAt(values, columns.closedAt(), row, mapping);
            }
            String lat = optional(values, columns.lat()), lon = optional(values, columns.lon());
            if (!lat.isBlank() || !lon.isBlank()) {
                try {
                    row.location = new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(columns.lat() + "/" + columns.lon() + " '" + lat + "," + lon
                            + "' is not a coordinate pair");
                }
            }
            return row;
        }

        /** The time in {@code column}, {@code null} when the column is not mapped or empty; never before the request. */
        private static Instant answeredAt(Map<String, String> values, String column, Row row, CsvMapping mapping) {
            String text = optional(values, column);
            if (text.isBlank()) {
                return null;
            }
            Instant at = time(text, column, mapping);
            if (at.isBefore(row.occurredAt)) {
                throw new IllegalArgumentException(column + " '" + text + "' is before the request was made");
            }
            return at;
        }

        private static String required(Map<String, String> values, String column) {
            String value = values.get(column);
            if (value == null) {
                throw new IllegalArgumentException("no column '" + column + "'");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException(column + " is empty");
            }
            return value.trim();
        }

        private static String optional(Map<String, String> values, String column) {
            String value = column == null ? null : values.get(column);
            return value == null ? "" : value.trim();
        }

        private static Instant time(String text, String column, CsvMapping mapping) {
            try {
                if (mapping.pattern() != null) {
                    return LocalDateTime.parse(text, mapping.pattern()).atZone(mapping.zone()).toInstant();
                }
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(text.replace(' ', 'T')).atZone(mapping.zone()).toInstant();
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(column + " '" + text + "' is not a time"
                        + (mapping.pattern() == null ? " (ISO-8601 expected)" : " of the mapping's time.pattern"));
            }
        }

        private static int severity(String text, String column) {
            try {
                int value = Integer.parseInt(text);
                if (value >= 1 && value <= 4) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(column + " '" + text + "' is not a severity 1-4");
        }
    }
}
