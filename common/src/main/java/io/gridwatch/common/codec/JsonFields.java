package io.gridwatch.common.codec;

import static io.gridwatch.common.codec.RejectReason.INVALID_FIELD;
import static io.gridwatch.common.codec.RejectReason.MISSING_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.WireName;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of the fields of one JSON object, each failing with an {@link InvalidEventException} that names the
 * field by its path (e.g. {@code subject.address}).
 */
final class JsonFields {

    private final JsonNode node;
    private final String prefix;

    JsonFields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    private String path(String field) {
        return prefix + field;
    }

    private JsonNode present(String field) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(MISSING_FIELD, "'" + path(field) + "' is required");
        }
        return value;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String text(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (!value.isTextual()) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "' must be a string");
        }
        return value.textValue();
    }

    String nonBlankText(String field) throws InvalidEventException {
        String value = text(field);
        if (value.isBlank()) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "' must not be blank");
        }
        // Identifiers end up in keys, headers and document ids, where control characters do harm.
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "' must not contain control characters");
        }
        return value;
    }

    String optionalText(String field) throws InvalidEventException {
        return has(field) ? text(field) : null;
    }

    Instant instant(String field) throws InvalidEventException {
        String value = text(field);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(
                    INVALID_FIELD,
                    "'" + path(field) + "' must be ISO-8601 with an offset (2026-03-02T09:30:00+08:00), was '"
                            + abbreviate(value) + "'");
        }
    }

    int intIn(String field, int min, int max) throws InvalidEventException {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new InvalidEventException(
                    INVALID_FIELD,
                    "'" + path(field) + "' must be an integer " + min + "-" + max + ", was " + abbreviate(value.toString()));
        }
        return value.intValue();
    }

    double number(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (!value.isNumber()) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "' must be a number");
        }
        return value.doubleValue();
    }

    <E extends Enum<E> & WireName> E oneOf(String field, Class<E> type) throws InvalidEventException {
        String value = text(field);
        return WireName.find(type, value)
                .orElseThrow(() -> new InvalidEventException(
                        INVALID_FIELD,
                        "'" + path(field) + "' must be one of " + WireName.choices(type) + ", was '"
                                + abbreviate(value) + "'"));
    }

    <E extends Enum<E> & WireName> E optionalOneOf(String field, Class<E> type) throws InvalidEventException {
        return has(field) ? oneOf(field, type) : null;
    }

    JsonFields object(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (!value.isObject()) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "' must be an object");
        }
        return new JsonFields(value, path(field) + ".");
    }

    JsonNode array(String field) throws InvalidEventException {
        JsonNode value = present(field);
        if (!value.isArray()) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "' must be an array");
        }
        return value;
    }

    GeoPoint optionalLocation(String field) throws InvalidEventException {
        if (!has(field)) {
            return null;
        }
        JsonFields location = object(field);
        try {
            return new GeoPoint(location.number("lat"), location.number("lon"));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(INVALID_FIELD, "'" + path(field) + "': " + e.getMessage());
        }
    }

    /** Keeps hostile values (megabyte strings, control characters) out of reasons and logs. */
    static String abbreviate(String value) {
        String printable = value.codePoints()
                .limit(60)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return value.length() > 60 ? printable + "…" : printable;
    }
}
