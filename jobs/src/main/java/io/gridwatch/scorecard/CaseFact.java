package io.gridwatch.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What the scorecard reads of one complaint's case document ({@code gridwatch-cases}, written by
 * {@code io.gridwatch.cases.CaseDocuments}): the per-complaint counts of the measures.
 *
 * @param onTime 1 answered before the deadline, 0 the deadline passed without, {@code null} not yet due
 * @param answerMinutes from acceptance to the first answer, {@code null} while unanswered
 * @param satisfied 1 satisfied or basically satisfied, 0 dissatisfied, {@code null} unrated
 */
public record CaseFact(String gridId, Instant reportedAt, Instant dueAt, Integer onTime, boolean resolved,
        Double answerMinutes, Double resolveMinutes, Integer satisfied, boolean repeated) {

    /** From a case document's source; a mark of a repeated dispute whose case is not written yet gives none. */
    static CaseFact fromSource(JsonNode source) {
        if (!source.hasNonNull("reportedAt")) {
            return null;
        }
        return new CaseFact(source.get("gridId").asText(), Instant.parse(source.get("reportedAt").asText()),
                Instant.parse(source.get("dueAt").asText()), integer(source, "onTime"),
                source.path("resolved").asInt() == 1, decimal(source, "answerMinutes"),
                decimal(source, "resolveMinutes"), integer(source, "satisfied"), source.path("repeated").asInt() == 1);
    }

    private static Integer integer(JsonNode source, String field) {
        return source.hasNonNull(field) ? source.get(field).asInt() : null;
    }

    private static Double decimal(JsonNode source, String field) {
        return source.hasNonNull(field) ? source.get(field).asDouble() : null;
    }
}
