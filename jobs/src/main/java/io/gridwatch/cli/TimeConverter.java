package io.gridwatch.cli;

import io.gridwatch.common.time.CityTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line times: {@code 2026-10-01T08:00} in China Standard Time, or an instant such as {@code 2026-10-01T00:00:00Z}. */
final class TimeConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(value).atZone(CityTime.ZONE).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a time like 2026-10-01T08:00 or 2026-10-01T00:00:00Z");
            }
        }
    }
}
