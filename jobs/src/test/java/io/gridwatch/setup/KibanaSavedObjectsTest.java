package io.gridwatch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.setup.IndexTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kibana cannot run here, so the saved objects of {@code dashboards/kibana/} are checked against the index templates
 * of {@code dashboards/templates/}: every reference resolves, and every field a visualization, search, control or data
 * view uses exists in the template of its index with a type that aggregation can use.
 */
@Tag("unit")
class KibanaSavedObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAVED_OBJECTS = Path.of("../dashboards/kibana/gridwatch.ndjson");
    private static final Map<String, Set<String>> TYPES_BY_AGGREGATION = Map.of(
            "date_histogram", Set.of("date"),
            "terms", Set.of("keyword", "integer"),
            "geohash_grid", Set.of("geo_point"),
            "avg", Set.of("byte", "integer", "long", "double"),
            "median", Set.of("byte", "integer", "long", "double"));

    private static final Map<String, JsonNode> objects = new HashMap<>();
    private static final Map<String, Map<String, String>> fieldsByIndexPattern = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        for (String line : Files.readAllLines(SAVED_OBJECTS)) {
            JsonNode object = JSON.readTree(line);
            assertThat(object.has("type") && object.has("id") && object.has("attributes")).as(line).isTrue();
            objects.put(object.get("type").asText() + "/" + object.get("id").asText(), object);
        }
        for (String name : IndexTemplates.NAMES) {
            JsonNode template = JSON.readTree(IndexTemplates.read(name));
            Map<String, String> fields = new HashMap<>();
            flatten("", template.at("/template/mappings/properties"), fields);
            template.get("index_patterns").forEach(pattern -> fieldsByIndexPattern.put(pattern.asText(), fields));
        }
    }

    private static void flatten(String prefix, JsonNode properties, Map<String, String> fields) {
        properties.fields().forEachRemaining(entry -> {
            JsonNode mapping = entry.getValue();
            if (mapping.has("properties")) {
                flatten(prefix + entry.getKey() + ".", mapping.get("properties"), fields);
            } else {
                fields.put(prefix + entry.getKey(), mapping.path("type").asText("object"));
            }
        });
    }

    @Test
    void everyReferenceResolves() {
        objects.values().forEach(object -> object.get("references").forEach(reference ->
                assertThat(objects).as("%s references %s", object.get("id"), reference)
                        .containsKey(reference.get("type").asText() + "/" + reference.get("id").asText())));
    }

    @Test
    void everyDataViewMatchesATemplateAndHasItsTimeField() {
        objects.values().stream().filter(o -> o.get("type").asText().equals("index-pattern")).forEach(view -> {
            Map<String, String> fields = fieldsOf(view.get("id").asText());
            assertThat(fields.get(view.at("/attributes/timeFieldName").asText())).as(view.get("id").asText())
                    .isEqualTo("date");
        });
    }

    @Test
    void everyVisualizationAggregatesFieldsOfTheRightType() throws Exception {
        int checked = 0;
        for (JsonNode vis : of("visualization")) {
            JsonNode state = JSON.readTree(vis.at("/attributes/visState").asText());
            if (vis.get("references").isEmpty()) {
                assertThat(state.get("type").asText()).as("only text reads no index").isEqualTo("markdown");
                continue;
            }
            for (JsonNode agg : state.get("aggs")) {
                if (agg.at("/params/field").isMissingNode()) {
                    continue;
                }
                String field = agg.at("/params/field").asText();
                String type = fieldsOf(indexOf(vis, "kibanaSavedObjectMeta.searchSourceJSON.index")).get(field);
                assertThat(TYPES_BY_AGGREGATION.get(agg.get("type").asText()))
                        .as("%s: %s on %s", vis.get("id").asText(), agg.get("type").asText(), field)
                        .contains(type);
                checked++;
            }
            for (JsonNode control : state.at("/params/controls")) {
                String index = indexOf(vis, control.get("indexPatternRefName").asText());
                assertThat(fieldsOf(index).get(control.get("fieldName").asText())).isEqualTo("keyword");
                checked++;
            }
            assertQueryFieldsExist(vis);
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void everySearchShowsAndQueriesExistingFields() throws Exception {
        for (JsonNode search : of("search")) {
            Map<String, String> fields = fieldsOf(indexOf(search, "kibanaSavedObjectMeta.searchSourceJSON.index"));
            search.at("/attributes/columns").forEach(column -> assertThat(fields).containsKey(column.asText()));
            assertQueryFieldsExist(search);
        }
    }

    @Test
    void theOverviewDashboardRefreshesItselfAndTheGridDetailHasAGridControl() {
        JsonNode overview = objects.get("dashboard/gridwatch-overview");
        assertThat(overview.at("/attributes/title").asText()).isEqualTo("网格预警总览");
        assertThat(overview.at("/attributes/refreshInterval/pause").asBoolean()).isFalse();
        assertThat(objects.get("dashboard/gridwatch-grid-detail").get("references").toString())
                .contains("gridwatch-grid-control");
    }

    @Test
    void theScorecardDashboardShowsTheMeasuresByStreetAndCommunityRankedAndByMonth() throws Exception {
        JsonNode dashboard = objects.get("dashboard/gridwatch-scorecard");
        assertThat(dashboard.at("/attributes/title").asText()).isEqualTo("网格考核");
        assertThat(dashboard.get("references").findValuesAsText("id")).contains("gridwatch-scorecard-streets",
                "gridwatch-scorecard-communities", "gridwatch-scorecard-trend", "gridwatch-scorecard-warnings");
        for (String table : List.of("gridwatch-scorecard-streets", "gridwatch-scorecard-communities")) {
            JsonNode state = JSON.readTree(objects.get("visualization/" + table).at("/attributes/visState").asText());
            assertThat(state.get("aggs").findValuesAsText("field"))
                    .contains("onTime", "resolved", "satisfied", "repeated", "answerMinutes");
            JsonNode rows = state.get("aggs").get(state.get("aggs").size() - 1);
            assertThat(rows.at("/params/orderBy").asText()).as("ranked by 响应率").isEqualTo("2");
        }
        JsonNode trend = JSON.readTree(objects.get("visualization/gridwatch-scorecard-trend").at("/attributes/visState")
                .asText());
        assertThat(trend.toString()).contains("\"interval\":\"M\"");
    }

    private static void assertQueryFieldsExist(JsonNode object) throws Exception {
        JsonNode source = JSON.readTree(object.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText());
        Matcher field = Pattern.compile("([A-Za-z.]+) :").matcher(source.at("/query/query").asText());
        Map<String, String> fields = fieldsOf(indexOf(object, "kibanaSavedObjectMeta.searchSourceJSON.index"));
        while (field.find()) {
            assertThat(fields).as(object.get("id").asText()).containsKey(field.group(1));
        }
    }

    private static List<JsonNode> of(String type) {
        return objects.values().stream().filter(o -> o.get("type").asText().equals(type)).toList();
    }

    private static String indexOf(JsonNode object, String refName) {
        for (JsonNode reference : object.get("references")) {
            if (reference.get("name").asText().equals(refName)) {
                return reference.get("id").asText();
            }
        }
        throw new AssertionError(object.get("id") + " has no reference " + refName);
    }

    private static Map<String, String> fieldsOf(String indexPatternId) {
        String title = objects.get("index-pattern/" + indexPatternId).at("/attributes/title").asText();
        assertThat(fieldsByIndexPattern).as("a template for %s", title).containsKey(title);
        return fieldsByIndexPattern.get(title);
    }
}
