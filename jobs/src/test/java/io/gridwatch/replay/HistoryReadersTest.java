package io.gridwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.GridRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Histories from files: Open311 CSV through the shipped mapping, grids from coordinates, errors by line. */
@Tag("unit")
class HistoryReadersTest {

    private static final String OPEN311_HEADER =
            "service_request_id,status,service_code,service_name,description,requested_datetime,address,lat,long\n";

    /** As exported with the request's last update, which for a closed request is its closing. */
    static final String OPEN311_WITH_UPDATES = "service_request_id,status,service_code,service_name,description,"
            + "requested_datetime,updated_datetime,address,lat,long\n";

    @TempDir
    Path dir;

    @Test
    void readsAnOpen311ExportIntoTheNearestGridsAndReportsBadRowsByLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("requests.csv"), OPEN311_HEADER
                + "101,open,N1,Noise - Loud Music,\"party, every night\",2026-03-02T21:30:00+08:00,幸福里小区3栋,30.2085,120.2101\n"
                + "102,open,S1,Illegal Dumping,bags,2026-03-02T08:00:00+08:00,城南村村口,30.1501,120.1802\n"
                + "103,open,X9,Dog license,,yesterday,somewhere,30.2,120.2\n"
                + "104,open,S1,Graffiti,,2026-03-03T10:00:00Z,no coordinates,,\n"
                + ",open,S1,Graffiti,,2026-03-03T10:00:00Z,no id,30.2,120.2\n"
                + "106,open,P1,Pothole,deep,2026-03-01T10:00:00,和平社区路口,30.2040,120.2203\n");

        History history = CsvHistoryReader.read(csv, CsvMapping.load(CsvMapping.OPEN311), GridRegistry.sample(), 500);

        assertThat(history.errors()).extracting(RowError::toString).containsExactly(
                "line 4: requested_datetime 'yesterday' is not a time (ISO-8601 expected)",
                "line 5: no grid id and no coordinates: the row cannot be placed in a grid",
                "line 6: service_request_id is empty");
        assertThat(history.events()).extracting(e -> e.eventId()).containsExactly("106", "102", "101");
        Complaint noise = (Complaint) history.events().get(2);
        assertThat(noise.gridId()).isEqualTo("G-XF-01-01");
        assertThat(noise.category()).isEqualTo(Category.NOISE);
        assertThat(noise.text()).isEqualTo("party, every night");
        assertThat(((Complaint) history.events().get(1)).category()).isEqualTo(Category.SANITATION);
        assertThat(((Complaint) history.events().get(0)).category()).isEqualTo(Category.SAFETY_HAZARD);
        // No offset: the mapping's zone, UTC for Open311.
        assertThat(history.events().get(0).occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(history.generatedRegistry()).isFalse();
    }

    @Test
    void turnsTheClosingTimesOfClosedRequestsIntoTheirResolution() throws Exception {
        Path csv = Files.writeString(dir.resolve("requests.csv"), OPEN311_WITH_UPDATES
                + "201,closed,N1,Noise,,2026-03-02T21:30:00Z,2026-03-03T08:00:00Z,a,30.2085,120.2101\n"
                + "202,open,N1,Noise,,2026-03-02T21:30:00Z,2026-03-03T08:00:00Z,b,30.2085,120.2101\n"
                + "203,closed,N1,Noise,,2026-03-02T21:30:00Z,2026-03-01T08:00:00Z,c,30.2085,120.2101\n");

        History history = CsvHistoryReader.read(csv, CsvMapping.load(CsvMapping.OPEN311), GridRegistry.sample(), 500);

        assertThat(history.errors()).extracting(RowError::toString).containsExactly(
                "line 4: updated_datetime '2026-03-01T08:00:00Z' is before the request was made");
        assertThat(history.events()).filteredOn(e -> e instanceof Patrol).singleElement().satisfies(e -> {
            Patrol closing = (Patrol) e;
            assertThat(closing.kind()).isEqualTo(PatrolKind.RESOLUTION);
            assertThat(closing.refEventId()).as("an open request's update is not its answer").isEqualTo("201");
            assertThat(closing.occurredAt()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
            assertThat(closing.gridId()).isEqualTo("G-XF-01-01");
        });
    }

    @Test
    void givesTheResidentsRatingToTheLastAnswerAndReportsOneItCannotPlace() throws Exception {
        Path mapping = Files.writeString(dir.resolve("rated.yaml"), """
                columns: { eventId: id, occurredAt: t, category: c, gridId: grid, respondedAt: r, closedAt: done,
                           satisfaction: rating }
                satisfactions: { satisfied: [满意, 非常满意], basically_satisfied: [基本满意], dissatisfied: [不满意] }
                """);
        Path csv = Files.writeString(dir.resolve("rated.csv"), """
                id,t,c,grid,r,done,rating
                1,2026-03-02T09:00:00+08:00,noise,G-XF-01-01,2026-03-02T10:00:00+08:00,2026-03-02T18:00:00+08:00,非常满意
                2,2026-03-02T09:00:00+08:00,noise,G-XF-01-01,2026-03-02T10:00:00+08:00,,不满意
                3,2026-03-02T09:00:00+08:00,noise,G-XF-01-01,,,基本满意
                4,2026-03-02T09:00:00+08:00,noise,G-XF-01-01,,2026-03-02T18:00:00+08:00,很好
                """);

        History history = CsvHistoryReader.read(csv, CsvMapping.load(mapping.toString()), GridRegistry.sample(), 500);

        assertThat(history.events()).filteredOn(Patrol.class::isInstance).map(Patrol.class::cast)
                .extracting(p -> p.eventId() + " " + p.satisfaction())
                .containsExactlyInAnyOrder("1/responded null", "1/closed SATISFIED", "2/responded DISSATISFIED");
        assertThat(history.events()).filteredOn(e -> e instanceof Complaint).extracting(GridEvent::eventId)
                .containsExactlyInAnyOrder("1", "2", "3");
        assertThat(history.errors()).extracting(RowError::toString).containsExactly(
                "line 4: a rating ('basically_satisfied') without an answer time: the request is kept, the rating has"
                        + " nothing to go with",
                "line 5: rating '很好' is none of the ratings 满意, 非常满意, 基本满意, 不满意");
    }

    @Test
    void generatesSquareGridsOverTheDataWhenThereIsNoRegistry() throws Exception {
        Path csv = Files.writeString(dir.resolve("requests.csv"), OPEN311_HEADER
                + "1,open,N1,Noise,,2026-03-02T21:30:00Z,a,40.7000,-74.0000\n"
                + "2,open,N1,Noise,,2026-03-02T21:31:00Z,b,40.7001,-74.0001\n"
                + "3,open,N1,Noise,,2026-03-02T21:32:00Z,c,40.7100,-74.0000\n");

        History history = CsvHistoryReader.read(csv, CsvMapping.load(CsvMapping.OPEN311), null, 500);

        assertThat(history.generatedRegistry()).isTrue();
        assertThat(history.registry().size()).as("two cells hold points").isEqualTo(2);
        assertThat(history.events().get(0).gridId()).isEqualTo(history.events().get(1).gridId());
        assertThat(history.events().get(2).gridId()).isNotEqualTo(history.events().get(0).gridId());
    }

    @Test
    void refusesAMappingWithAnUnknownKeyOrCategoryNamingIt() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), """
                columns: { eventId: id, occurredAt: t, category: c }
                categorie: { noise: [noise] }
                """);
        Path badCategory = Files.writeString(dir.resolve("bad.yaml"), """
                columns: { eventId: id, occurredAt: t, category: c }
                categories: { loudness: [noise] }
                """);

        Path badRating = Files.writeString(dir.resolve("rating.yaml"), """
                columns: { eventId: id, occurredAt: t, category: c, satisfaction: s }
                satisfactions: { happy: [满意] }
                """);

        assertThatThrownBy(() -> CsvMapping.load(typo.toString())).hasMessage(typo + ": unknown key 'categorie'");
        assertThatThrownBy(() -> CsvMapping.load(badRating.toString())).hasMessageStartingWith(
                badRating + ": satisfactions.happy: 'happy' is not a rating; ratings are satisfied |");
        assertThatThrownBy(() -> CsvMapping.load(badCategory.toString())).hasMessageStartingWith(
                badCategory + ": categories.loudness: 'loudness' is not a category; categories are neighbor_dispute |");
    }

    @Test
    void reportsJsonlLinesThatLiveIngestionWouldRejectAndKeepsOldHistory() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("events.jsonl"), """
                {"eventId":"P-1","type":"patrol","gridId":"G-XF-01-01","workerId":"W-1","occurredAt":"2026-03-02T10:00:00Z","kind":"visit"}

                {"eventId":"P-2","type":"patrol","gridId":"G-ELSEWHERE","workerId":"W-1","occurredAt":"2026-03-02T10:00:00Z","kind":"visit"}
                {"eventId":
                {"eventId":"P-3","type":"patrol","gridId":"G-XF-01-01","workerId":"W-1","occurredAt":"2098-12-31T10:00:00Z","kind":"visit"}
                {"eventId":"P-4","type":"patrol","gridId":"G-XF-01-01","workerId":"W-1","occurredAt":"2019-03-02T10:00:00Z","kind":"visit"}
                """);

        History history = JsonlHistoryReader.read(jsonl, GridRegistry.sample());

        assertThat(history.events()).extracting(e -> e.eventId()).as("old history is history").containsExactly("P-4", "P-1");
        assertThat(history.errors()).extracting(RowError::line).containsExactly(3L, 4L, 5L);
        assertThat(history.errors().get(0).message())
                .isEqualTo("unknown_grid: gridId 'G-ELSEWHERE' is not in the grid registry");
        assertThat(history.errors().get(1).message()).startsWith("malformed_json");
        assertThat(history.errors().get(2).message()).startsWith("future_timestamp: occurredAt 2098-12-31T10:00:00Z");
    }
}
