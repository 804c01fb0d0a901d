package io.gridwatch.replay;

import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.common.codec.InvalidEventException;
import io.gridwatch.common.event.GridEvent;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a finished history in GridWatch's JSONL event format (one event per line, as on the Kafka topics). Every line
 * that cannot become an event is reported with its number, never dropped silently. Events are returned in event-time
 * order.
 */
public final class JsonlHistoryReader {

    /** A history may reach back as far as it does. */
    private static final Duration ANY_AGE = Duration.ofDays(365L * 1000);

    private JsonlHistoryReader() {}

    /**
     * JSONL events of the grids of {@code registry}, each validated exactly as the live job validates a record
     * ({@link EventValidator}, the live job's default limits, "future" measured against the wall clock), except that a
     * history may be as old as it is: a record dated years ahead — a producer's broken default — is reported with its
     * line, never replayed, so it cannot stretch the history's event time and fire every deadline up to it.
     */
    public static History read(Path file, GridRegistry registry) {
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
        return new History(History.inEventTimeOrder(events), registry, false, errors);
    }
}
