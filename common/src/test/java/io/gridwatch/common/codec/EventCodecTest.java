package io.gridwatch.common.codec;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.Finding;
import io.gridwatch.common.event.GeoPoint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Satisfaction;
import io.gridwatch.common.event.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class EventCodecTest {

    private static GridEvent decode(String json) throws InvalidEventException {
        return EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String COMPLAINT = """
            {"eventId":"C-1","type":"complaint","gridId":"G-XF-01-01",
             "occurredAt":"2026-03-02T09:30:00+08:00","reportedAt":"2026-03-02T09:45:00+08:00",
             "channel":"hotline_12345","category":"neighbor_dispute","severity":3,
             "subject":{"address":"幸福里小区3栋502","partyKey":"P-1001"},"text":"楼上漏水",
             "location":{"lat":30.2085,"lon":120.2101},
             "complainant":{"name":"张三","phone":"13812345678"},"source":"a field added later"}
            """;

    @Test
    void decodesEveryComplaintField() throws Exception {
        Complaint c = (Complaint) decode(COMPLAINT);

        assertThat(c).isEqualTo(new Complaint(
                "C-1",
                "G-XF-01-01",
                Instant.parse("2026-03-02T01:30:00Z"),
                Instant.parse("2026-03-02T01:45:00Z"),
                Channel.HOTLINE_12345,
                Category.NEIGHBOR_DISPUTE,
                3,
                new Subject("幸福里小区3栋502", "P-1001"),
                "楼上漏水",
                new GeoPoint(30.2085, 120.2101),
                new Complainant("张三", "13812345678")));
    }

    @Test
    void decodesEveryPatrolField() throws Exception {
        Patrol p = (Patrol) decode("""
                {"eventId":"P-1","type":"patrol","gridId":"G-XF-01-01","workerId":"W-7",
                 "occurredAt":"2026-03-02T10:00:00+08:00","kind":"followup","refEventId":"C-1",
                 "findings":[{"category":"safety_hazard","severity":2,"note":"楼道堆物"}],
                 "location":{"lat":30.2,"lon":120.2}}
                """);

        assertThat(p).isEqualTo(new Patrol(
                "P-1",
                "G-XF-01-01",
                "W-7",
                Instant.parse("2026-03-02T02:00:00Z"),
                PatrolKind.FOLLOWUP,
                "C-1",
                List.of(new Finding(Category.SAFETY_HAZARD, 2, "楼道堆物")),
                new GeoPoint(30.2, 120.2)));
    }

    @Test
    void optionalFieldsMayBeAbsent() throws Exception {
        Patrol p = (Patrol) decode("""
                {"eventId":"P-2","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z",
                 "kind":"visit"}
                """);

        assertThat(p.refEventId()).isNull();
        assertThat(p.findings()).isEmpty();
        assertThat(p.location()).isNull();
        assertThat(p.satisfaction()).isNull();
    }

    @Test
    void decodesTheResidentsRatingOfAResolution() throws Exception {
        Patrol p = (Patrol) decode("""
                {"eventId":"P-3","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z",
                 "kind":"resolution","refEventId":"C-1","satisfaction":"basically_satisfied"}
                """);

        assertThat(p.satisfaction()).isEqualTo(Satisfaction.BASICALLY_SATISFIED);
        assertThat(p.satisfaction().label()).isEqualTo("基本满意");
    }

    @Test
    void encodeThenDecodeGivesTheSameEvents() throws Exception {
        Complaint full = complaint("C-9").severity(4).location(30.1, 120.1).complainant("李四", "13900001111").build();
        Complaint bare = complaint("C-10").channel(Channel.APP).category(Category.NOISE).build();
        Patrol withFindings = new Patrol(
                "P-9", GRID_A, "W-1", DAY_1, PatrolKind.INSPECTION, null,
                List.of(new Finding(Category.SANITATION, 1, "垃圾未清运")), new GeoPoint(30.2, 120.2));
        Patrol resolution = patrol("P-10", GRID_A, DAY_1, PatrolKind.RESOLUTION, "C-9");
        Patrol rated = new Patrol("P-11", GRID_A, "W-1", DAY_1, PatrolKind.FOLLOWUP, "C-9", List.of(), null,
                Satisfaction.BASICALLY_SATISFIED);

        for (GridEvent event : List.of(full, bare, withFindings, resolution, rated)) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            textBlock = """
            not json                 | {"eventId":                                   | malformed_json | Unexpected end-of-input
            array                    | [1,2]                                         | malformed_json | one JSON object
            two objects              | {} {}                                         | malformed_json | Trailing token
            duplicate key            | {"type":"patrol","type":"complaint"}          | malformed_json | Duplicate field 'type'
            no type                  | {"eventId":"X"}                               | unknown_type   | 'type' is required
            unknown type             | {"type":"tweet"}                              | unknown_type   | was 'tweet'
            """)
    void rejectsRecordsThatAreNotEvents(String name, String json, String code, String detail) {
        assertRejected(json, code, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            textBlock = """
            eventId missing       | "eventId":"C-1",                              | ~~                                 | missing_field | 'eventId' is required
            eventId blank         | "eventId":"C-1",                              | "eventId":" ",                     | invalid_field | 'eventId' must not be blank
            gridId number         | "gridId":"G-XF-01-01",                        | "gridId":7,                        | invalid_field | 'gridId' must be a string
            occurredAt no offset  | "occurredAt":"2026-03-02T09:30:00+08:00",     | "occurredAt":"2026-03-02T09:30:00",| invalid_field | 'occurredAt' must be ISO-8601 with an offset
            reportedAt missing    | "reportedAt":"2026-03-02T09:45:00+08:00",     | ~~                                 | missing_field | 'reportedAt' is required
            channel unknown       | "channel":"hotline_12345",                    | "channel":"fax",                   | invalid_field | 'channel' must be one of hotline_12345
            category unknown      | "category":"neighbor_dispute",                | "category":"ufo",                  | invalid_field | 'category' must be one of neighbor_dispute
            severity too high     | "severity":3,                                 | "severity":5,                      | invalid_field | 'severity' must be an integer 1-4, was 5
            severity text         | "severity":3,                                 | "severity":"3",                    | invalid_field | 'severity' must be an integer 1-4
            severity fraction     | "severity":3,                                 | "severity":2.5,                    | invalid_field | 'severity' must be an integer 1-4
            subject missing       | "subject":{"address":"幸福里小区3栋502","partyKey":"P-1001"}, | ~~          | missing_field | 'subject' is required
            subject address blank | "address":"幸福里小区3栋502"                    | "address":""                       | invalid_field | 'subject.address' must not be blank
            partyKey missing      | ,"partyKey":"P-1001"                          | ~~                                 | missing_field | 'subject.partyKey' is required
            text missing          | "text":"楼上漏水",                              | ~~                                 | missing_field | 'text' is required
            lat out of range      | "lat":30.2085                                 | "lat":91                           | invalid_field | 'location': lat must be within -90..90
            lon text              | "lon":120.2101                                | "lon":"east"                       | invalid_field | 'location.lon' must be a number
            complainant text      | "complainant":{"name":"张三","phone":"13812345678"} | "complainant":"张三"          | invalid_field | 'complainant' must be an object
            """)
    void rejectsComplaintsWithBadFieldsNamingTheField(
            String name, String original, String replacement, String code, String detail) {
        assertThat(COMPLAINT).contains(original);
        assertRejected(COMPLAINT.replace(original, replacement), code, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            textBlock = """
            workerId missing   | {"eventId":"P","type":"patrol","gridId":"G","occurredAt":"2026-03-02T10:00:00Z","kind":"visit"}                                         | missing_field | 'workerId' is required
            kind unknown       | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"nap"}                            | invalid_field | 'kind' must be one of visit
            findings object    | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"visit","findings":{}}            | invalid_field | 'findings' must be an array
            finding not object | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"visit","findings":[1]}           | invalid_field | 'findings[0]' must be an object
            finding severity   | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"visit","findings":[{"category":"noise","severity":0}]} | invalid_field | 'findings[0].severity' must be an integer 1-4
            rating unknown     | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"resolution","refEventId":"C","satisfaction":"happy"} | invalid_field | 'satisfaction' must be one of satisfied
            rating on a visit  | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"visit","refEventId":"C","satisfaction":"satisfied"} | invalid_field | 'satisfaction' is rated on a followup or resolution patrol with a refEventId, not on a visit
            rating, no ref     | {"eventId":"P","type":"patrol","gridId":"G","workerId":"W","occurredAt":"2026-03-02T10:00:00Z","kind":"resolution","satisfaction":"satisfied"} | invalid_field | not on a resolution without one
            """)
    void rejectsPatrolsWithBadFieldsNamingTheField(String name, String json, String code, String detail) {
        assertRejected(json, code, detail);
    }

    @Test
    void keepsHostileValuesOutOfTheReason() {
        String huge = "x".repeat(100_000) + "\u0007";
        String json = COMPLAINT.replace("\"channel\":\"hotline_12345\"", "\"channel\":\"" + huge + "\"");

        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).rejection().detail())
                .satisfies(detail -> assertThat(detail.length()).isLessThan(200));
    }

    private static void assertRejected(String json, String code, String detail) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> {
                    Rejection rejection = ((InvalidEventException) e).rejection();
                    assertThat(rejection.reason().code()).isEqualTo(code);
                    assertThat(rejection.detail()).contains(detail);
                });
    }
}
