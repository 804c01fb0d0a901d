package io.gridwatch.sink.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.codec.EventCodec;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.privacy.Masking;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.ingest.Arrival;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * A valid event in the monthly index {@code gridwatch-events-YYYY.MM} (by its local occurrence month), under its
 * {@code eventId}: the wire format with the complainant masked ({@link Masking}), the grid's community, street and
 * district for dashboards, and {@code late} when it came after event time had passed it (a report pushed in a batch,
 * a visit synced hours later): it was detected when it came, not when it was dated.
 */
public final class EventDocuments implements DocumentMapper<Arrival> {

    private static final long serialVersionUID = 1L;

    /** The prefix of the monthly event indices. */

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(CityTime.ZONE);

    private final GridRegistry registry;

    public EventDocuments(GridRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Document toDocument(Arrival arrival) {
        GridEvent event = arrival.event();
        ObjectNode document = EventCodec.toTree(Masking.event(event));
        // Valid events name a grid of the registry.
        Grid grid = registry.find(event.gridId()).orElseThrow();
        document.put("community", grid.community());
        document.put("street", grid.street());
        document.put("district", grid.district());
        document.put("late", arrival.late());
        return new Document(
                Indices.EVENTS_PREFIX + MONTH.format(event.occurredAt()),
                event.scopedId(),
                document.toString().getBytes(StandardCharsets.UTF_8));
    }
}
