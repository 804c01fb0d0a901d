package io.gridwatch.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;

/**
 * Reads the {@link Facts} of a scorecard from Elasticsearch: the cases ({@code gridwatch-cases}) accepted or due in
 * the month or the month before, the days with a patrol ({@code gridwatch-grid-daily}) from a patrol interval before
 * that, and the warnings ({@code gridwatch-alerts}) raised in those months with their escalations
 * ({@code gridwatch-alert-history}). Every matching document is read, page by page ({@code search_after}), so the
 * figures are exact; a street's month is a few thousand cases.
 */
public final class ScorecardQuery {

    private static final int PAGE = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestHighLevelClient client;

    public ScorecardQuery(RestHighLevelClient client) {
        this.client = client;
    }

    public Facts facts(ScorecardRequest request) throws IOException {
        List<String> grids = request.scope().stream().map(Grid::gridId).toList();
        YearMonth previous = request.month().minusMonths(1);
        Instant from = previous.atDay(1).atStartOfDay(CityTime.ZONE).toInstant();
        Instant to = request.month().plusMonths(1).atDay(1).atStartOfDay(CityTime.ZONE).toInstant();

        List<JsonNode> cases = new ArrayList<>();
        readAll(Indices.CASES, QueryBuilders.boolQuery().filter(QueryBuilders.termsQuery("gridId", grids))
                        .should(QueryBuilders.rangeQuery("reportedAt").gte(from.toString()).lt(to.toString()))
                        .should(QueryBuilders.rangeQuery("dueAt").gte(from.toString()).lt(to.toString()))
                        .minimumShouldMatch(1),
                List.of("gridId", "complaintId"), cases::add);
        List<JsonNode> gridDays = new ArrayList<>();
        LocalDate firstDay = previous.atDay(1).minusDays(request.longestInterval());
        readAll(Indices.GRID_DAILY, QueryBuilders.boolQuery()
                        .filter(QueryBuilders.termsQuery("gridId", grids))
                        .filter(QueryBuilders.rangeQuery("patrols").gt(0))
                        .filter(QueryBuilders.rangeQuery("date").gte(firstDay.toString())
                                .lt(request.month().plusMonths(1).atDay(1).toString())),
                List.of("gridId", "date"), gridDays::add);
        List<JsonNode> alerts = new ArrayList<>();
        readAll(Indices.ALERTS, QueryBuilders.boolQuery()
                        .filter(QueryBuilders.termsQuery("gridId", grids))
                        .filter(QueryBuilders.rangeQuery("createdAt").gte(from.toString()).lt(to.toString())),
                List.of("alertId"), alerts::add);
        List<JsonNode> history = new ArrayList<>();
        List<String> alertIds = alerts.stream().map(alert -> alert.get("alertId").asText()).toList();
        for (int i = 0; i < alertIds.size(); i += PAGE) { // a terms query is limited in length
            List<String> ids = alertIds.subList(i, Math.min(i + PAGE, alertIds.size()));
            readAll(Indices.HISTORY, QueryBuilders.boolQuery()
                            .filter(QueryBuilders.termsQuery("alertId", ids))
                            .filter(QueryBuilders.existsQuery("escalatedTo")),
                    List.of("alertId", "escalatedTo"), history::add);
        }
        return Facts.fromDocuments(cases, gridDays, alerts, history);
    }

    /** Every document of {@code index} matching {@code query}, in the order of {@code sort} (unique together). */
    private void readAll(String index, QueryBuilder query, List<String> sort, Consumer<JsonNode> each)
            throws IOException {
        Object[] after = null;
        while (true) {
            SearchSourceBuilder source = new SearchSourceBuilder().query(query).size(PAGE).trackTotalHits(false);
            sort.forEach(field -> source.sort(field, SortOrder.ASC));
            if (after != null) {
                source.searchAfter(after);
            }
            SearchResponse page = client.search(new SearchRequest(index).source(source)
                    .indicesOptions(IndicesOptions.lenientExpandOpen()), RequestOptions.DEFAULT);
            SearchHit[] hits = page.getHits().getHits();
            for (SearchHit hit : hits) {
                each.accept(JSON.readTree(hit.getSourceAsString()));
            }
            if (hits.length < PAGE) {
                return;
            }
            after = hits[hits.length - 1].getSortValues();
        }
    }
}
