package io.gridwatch.rollup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.rollup.GridDay;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.DocumentMapper;
import io.gridwatch.sink.elasticsearch.Indices;
import java.nio.charset.StandardCharsets;

/** A grid's day in {@code gridwatch-grid-daily} under {@code <gridId>_<date>}, with the grid's place for dashboards. */
public final class GridDayDocuments implements DocumentMapper<GridDay> {

    private static final long serialVersionUID = 1L;

    /** The rollup index. */

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GridRegistry registry;

    public GridDayDocuments(GridRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Document toDocument(GridDay day) {
        Grid grid = registry.find(day.gridId()).orElseThrow();
        ObjectNode document = JSON.createObjectNode()
                .put("gridId", day.gridId())
                .put("gridName", grid.name())
                .put("community", grid.community())
                .put("street", grid.street())
                .put("district", grid.district())
                .put("date", day.date().toString())
                .put("complaints", day.complaints())
                .put("patrols", day.patrols())
                .put("responses", day.responses());
        document.set("complaintsByCategory", JSON.valueToTree(day.complaintsByCategory()));
        document.set("complaintsBySeverity", JSON.valueToTree(day.complaintsBySeverity()));
        document.set("alertsByDetector", JSON.valueToTree(day.alertsByDetector()));
        if (day.responseMinutesMedian() != null) {
            document.put("responseMinutesMedian", day.responseMinutesMedian());
            document.put("responseMinutesP90", day.responseMinutesP90());
        }
        document.set("location", JSON.createObjectNode().put("lat", grid.centroid().lat()).put("lon", grid.centroid().lon()));
        return new Document(Indices.GRID_DAILY, day.id(), document.toString().getBytes(StandardCharsets.UTF_8));
    }
}
