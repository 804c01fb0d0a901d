package io.gridwatch.common.testing;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.event.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test data shared by every module: named times, grids of the sample registry, and event builders. */
public final class TestEvents {

    /** Monday 2 March 2026, 09:00 in Beijing time. */
    public static final Instant DAY_1 = Instant.parse("2026-03-02T01:00:00Z");
    public static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
    public static final Instant DAY_3 = DAY_1.plus(Duration.ofDays(2));
    public static final Instant DAY_5 = DAY_1.plus(Duration.ofDays(4));
    public static final Instant DAY_8 = DAY_1.plus(Duration.ofDays(7));
    public static final Instant DAY_9 = DAY_1.plus(Duration.ofDays(8));

    /** Grids of the sample registry: A and B are neighbours in 幸福里社区, 东湖街道. */
    public static final String GRID_A = "G-XF-01-01";
    public static final String GRID_B = "G-XF-01-02";

    public static final Subject SUBJECT_1 = new Subject("幸福里小区3栋502", "P-1001");
    public static final Subject SUBJECT_2 = new Subject("幸福里小区7栋101", "P-2002");

    private TestEvents() {}

    public static ComplaintBuilder complaint(String eventId) {
        return new ComplaintBuilder(eventId);
    }

    public static Patrol patrol(String eventId, String gridId, Instant at, PatrolKind kind, String refEventId) {
        return new Patrol(eventId, gridId, "W-" + gridId, at, kind, refEventId, List.of(), null);
    }

    /** An answer to {@code refEventId} carrying the resident's rating. */
    public static Patrol patrol(String eventId, String gridId, Instant at, PatrolKind kind, String refEventId,
            Satisfaction rating) {
        return new Patrol(eventId, gridId, "W-" + gridId, at, kind, refEventId, List.of(), null, rating);
    }

    /** A neighbour dispute about {@link #SUBJECT_1} in {@link #GRID_A} at {@link #DAY_1}, severity 2, unless changed. */
    public static final class ComplaintBuilder {
        private final String eventId;
        private String gridId = GRID_A;
        private Instant occurredAt = DAY_1;
        private Duration reportDelay = Duration.ZERO;
        private Channel channel = Channel.HOTLINE_12345;
        private Category category = Category.NEIGHBOR_DISPUTE;
        private int severity = 2;
        private Subject subject = SUBJECT_1;
        private String text = "楼上漏水，多次协商未果";
        private GeoPoint location;
        private Complainant complainant;

        private ComplaintBuilder(String eventId) {
            this.eventId = eventId;
        }

        public ComplaintBuilder grid(String value) {
            gridId = value;
            return this;
        }

        public ComplaintBuilder at(Instant value) {
            occurredAt = value;
            return this;
        }

        public ComplaintBuilder reportedAfter(Duration value) {
            reportDelay = value;
            return this;
        }

        public ComplaintBuilder channel(Channel value) {
            channel = value;
            return this;
        }

        public ComplaintBuilder category(Category value) {
            category = value;
            return this;
        }

        public ComplaintBuilder severity(int value) {
            severity = value;
            return this;
        }

        public ComplaintBuilder subject(Subject value) {
            subject = value;
            return this;
        }

        public ComplaintBuilder text(String value) {
            text = value;
            return this;
        }

        public ComplaintBuilder location(double lat, double lon) {
            location = new GeoPoint(lat, lon);
            return this;
        }

        public ComplaintBuilder complainant(String name, String phone) {
            complainant = new Complainant(name, phone);
            return this;
        }

        public Complaint build() {
            return new Complaint(
                    eventId,
                    gridId,
                    occurredAt,
                    occurredAt.plus(reportDelay),
                    channel,
                    category,
                    severity,
                    subject,
                    text,
                    location,
                    complainant);
        }
    }
}
