package io.gridwatch.cases;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Satisfaction;
import java.time.Duration;
import java.time.Instant;

/**
 * One complaint's case (诉求办理), as far as the job knows it: when it was accepted and due, first answered, resolved,
 * and how the resident rated it. What each scorecard measure counts per complaint is stated here; the ratios over a
 * grid, community or street and month are {@code io.gridwatch.scorecard.Measure}'s.
 *
 * @param dueAt the deadline {@code overdue_response} holds the complaint to: acceptance plus the SLA of its severity
 * @param answeredAt when the earliest answer was given (the first {@code followup} or {@code resolution} naming it,
 *     by when it was given, not when it was synced); {@code null} while unanswered
 * @param resolvedAt when the earliest {@code resolution} was given; {@code null} while open
 * @param rating the resident's latest rating (the last given of the answers that carry one, the less satisfied of two
 *     given at once); {@code null} if unrated
 * @param ratedAt when that rating was given
 * @param dueReached whether event time has passed {@link #dueAt}
 */
public record ComplaintCase(
        String gridId,
        String complaintId,
        Category category,
        int severity,
        Instant occurredAt,
        Instant reportedAt,
        Instant dueAt,
        Instant answeredAt,
        Instant resolvedAt,
        Satisfaction rating,
        Instant ratedAt,
        boolean dueReached) {

    /** A case just opened: accepted, due, not answered. */
    static ComplaintCase opened(Complaint complaint, Instant dueAt) {
        return new ComplaintCase(complaint.gridId(), complaint.eventId(), complaint.category(), complaint.severity(),
                complaint.occurredAt(), complaint.reportedAt(), dueAt, null, null, null, null, false);
    }

    /**
     * The case with {@code answer} taken into account, whatever order answers come in: the earliest answer and
     * resolution, the latest rating. An answer given before the complaint happened is about an earlier complaint that
     * reused the id, and changes nothing.
     */
    ComplaintCase with(Answer answer) {
        if (answer.givenAt().isBefore(occurredAt)) {
            return this;
        }
        // The latest rating; of two given at once the less satisfied, so that arrival order never decides.
        boolean rates = answer.rating() != null && (ratedAt == null || answer.givenAt().isAfter(ratedAt)
                || answer.givenAt().equals(ratedAt) && answer.rating().compareTo(rating) > 0);
        return new ComplaintCase(gridId, complaintId, category, severity, occurredAt, reportedAt, dueAt,
                earliest(answeredAt, answer.givenAt()),
                answer.resolves() ? earliest(resolvedAt, answer.givenAt()) : resolvedAt,
                rates ? answer.rating() : rating,
                rates ? answer.givenAt() : ratedAt,
                dueReached);
    }

    /** The case once event time has passed its deadline. */
    ComplaintCase pastDue() {
        return new ComplaintCase(gridId, complaintId, category, severity, occurredAt, reportedAt, dueAt, answeredAt,
                resolvedAt, rating, ratedAt, true);
    }

    /** The case's document id: its complaint's id within its grid, as {@code overdue_response} keys it. */
    public String id() {
        return idOf(gridId, complaintId);
    }

    /** The document id of the case of complaint {@code complaintId} in grid {@code gridId}. */
    static String idOf(String gridId, String complaintId) {
        return gridId + "_" + complaintId;
    }

    /**
     * 响应率's count: {@code true} if answered before the deadline, {@code false} if the deadline passed without one,
     * {@code null} while it has neither (not yet due).
     */
    public Boolean answeredOnTime() {
        if (answeredAt != null && answeredAt.isBefore(dueAt)) {
            return true;
        }
        return dueReached ? Boolean.FALSE : null;
    }

    /**
     * From acceptance to the first answer, none if it was given on the spot before acceptance; {@code null} while
     * unanswered.
     */
    public Duration timeToAnswer() {
        return answeredAt == null ? null : sinceAccepted(answeredAt);
    }

    /** From acceptance to resolution (办结); {@code null} while open. */
    public Duration timeToResolve() {
        return resolvedAt == null ? null : sinceAccepted(resolvedAt);
    }

    /** 满意率's count: satisfied or basically satisfied; {@code null} if unrated. */
    public Boolean satisfied() {
        return rating == null ? null : rating != Satisfaction.DISSATISFIED;
    }

    private Duration sinceAccepted(Instant at) {
        return at.isBefore(reportedAt) ? Duration.ZERO : Duration.between(reportedAt, at);
    }

    private static Instant earliest(Instant known, Instant candidate) {
        return known == null || candidate.isBefore(known) ? candidate : known;
    }
}
