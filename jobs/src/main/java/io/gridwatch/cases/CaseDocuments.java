package io.gridwatch.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.DocumentMapper;
import io.gridwatch.sink.elasticsearch.Indices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Cases in {@code gridwatch-cases} under {@link ComplaintCase#id()}, with the grid's place for dashboards. The
 * per-complaint counts are written as 0 or 1 ({@code onTime}, {@code resolved}, {@code satisfied}, {@code repeated}),
 * so that a dashboard's average over a community's cases is the scorecard's ratio; a count not yet known is left out.
 *
 * <p>A case and the mark that it is evidence of a repeated dispute come from different operators, so both are upserts
 * of fields of their own: {@code repeated} is 0 when the case creates the document, and 1 once a mark comes, in either
 * order.
 */
public final class CaseDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseDocuments() {}

    /** A case's fields. */
    public static DocumentMapper<ComplaintCase> cases(GridRegistry registry) {
        return complaintCase -> {
            ObjectNode fields = fields(complaintCase, registry.find(complaintCase.gridId()).orElseThrow());
            byte[] json = fields.toString().getBytes(StandardCharsets.UTF_8);
            byte[] created = fields.put("repeated", 0).toString().getBytes(StandardCharsets.UTF_8);
            return new Document(Indices.CASES, complaintCase.id(), json, created);
        };
    }

    /** The mark on a case that is evidence of a repeated dispute. */
    public static DocumentMapper<RepeatedEvidence> repeated() {
        return evidence -> {
            byte[] json = JSON.createObjectNode().put("repeated", 1).toString().getBytes(StandardCharsets.UTF_8);
            return new Document(Indices.CASES, evidence.caseId(), json, json);
        };
    }

    private static ObjectNode fields(ComplaintCase c, Grid grid) {
        ObjectNode document = JSON.createObjectNode()
                .put("complaintId", c.complaintId())
                .put("gridId", c.gridId())
                .put("gridName", grid.name())
                .put("community", grid.community())
                .put("street", grid.street())
                .put("district", grid.district())
                .put("category", c.category().wireName())
                .put("severity", c.severity())
                .put("occurredAt", c.occurredAt().toString())
                .put("reportedAt", c.reportedAt().toString())
                .put("dueAt", c.dueAt().toString())
                .put("resolved", c.resolvedAt() == null ? 0 : 1);
        putTime(document, "answeredAt", c.answeredAt());
        putTime(document, "resolvedAt", c.resolvedAt());
        putMinutes(document, "answerMinutes", c.timeToAnswer());
        putMinutes(document, "resolveMinutes", c.timeToResolve());
        putCount(document, "onTime", c.answeredOnTime());
        putCount(document, "satisfied", c.satisfied());
        if (c.rating() != null) {
            document.put("rating", c.rating().wireName()).put("ratedAt", c.ratedAt().toString());
        }
        return document;
    }

    private static void putTime(ObjectNode document, String field, Instant at) {
        if (at != null) {
            document.put(field, at.toString());
        }
    }

    private static void putMinutes(ObjectNode document, String field, Duration duration) {
        if (duration != null) {
            document.put(field, duration.toMillis() / 60_000.0);
        }
    }

    private static void putCount(ObjectNode document, String field, Boolean counted) {
        if (counted != null) {
            document.put(field, counted ? 1 : 0);
        }
    }
}
