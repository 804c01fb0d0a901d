package io.gridwatch.sink.elasticsearch;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static io.gridwatch.common.testing.TestEvents.patrol;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.ingest.Arrival;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EventDocumentsTest {

    private final EventDocuments documents = new EventDocuments(GridRegistry.sample());

    @Test
    void masksTheComplainantAndAddsThePlaceOfTheGrid() throws Exception {
        Document document = documents.toDocument(
                new Arrival(complaint("C-1").at(DAY_1).complainant("王小明", "13987654321").build(), false));

        JsonNode json = new ObjectMapper().readTree(document.json());
        assertThat(document.id()).as("scoped by grid").isEqualTo("G-XF-01-01|C-1");
        assertThat(json.at("/complainant/phone").asText()).isEqualTo("139****4321");
        assertThat(json.at("/complainant/name").asText()).isEqualTo("王*");
        assertThat(new String(document.json(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("13987654321")
                .doesNotContain("小明");
        assertThat(json.get("street").asText()).isEqualTo("东湖街道");
        assertThat(json.get("community").asText()).isEqualTo("幸福里社区");
        assertThat(json.get("late").asBoolean()).isFalse();
    }

    @Test
    void indexesByTheLocalMonthOfOccurrence() {
        // 17:00 UTC on 31 March is 01:00 on 1 April in Beijing.
        Document document = documents.toDocument(
                new Arrival(complaint("C-1").at(Instant.parse("2026-03-31T17:00:00Z")).build(), false));

        assertThat(document.index()).isEqualTo("gridwatch-events-2026.04");
    }

    @Test
    void marksLateEvents() throws Exception {
        Document document = documents.toDocument(new Arrival(patrol("P-1", "G-XF-01-01", DAY_1, PatrolKind.VISIT, null), true));

        assertThat(new ObjectMapper().readTree(document.json()).get("late").asBoolean()).isTrue();
    }
}
