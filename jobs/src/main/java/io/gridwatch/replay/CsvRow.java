package io.gridwatch.replay;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.Satisfaction;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** One CSV row, mapped by a {@link CsvMapping}; {@link #of} throws naming the column of the first problem. */
final class CsvRow {

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
    Satisfaction satisfaction;

    static CsvRow of(Map<String, String> values, CsvMapping mapping) {
        CsvMapping.Columns columns = mapping.columns();
        CsvRow row = new CsvRow();
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
        row.satisfaction = mapping.satisfactionOf(optional(values, columns.satisfaction()));
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
    private static Instant answeredAt(Map<String, String> values, String column, CsvRow row, CsvMapping mapping) {
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
