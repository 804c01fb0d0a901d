package io.gridwatch.query;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;

/** Lists alerts from {@code gridwatch-alerts}, newest first, with their lifecycle status. */
public final class AlertQuery {

    /** An alert with the status staff gave it ({@code open} until acknowledged). */
    public record Listed(Alert alert, String status) {}

    private final RestHighLevelClient client;

    public AlertQuery(RestHighLevelClient client) {
        this.client = client;
    }

    /**
     * @param openOnly only alerts not yet acknowledged, resolved or recovered
     * @param gridId only this grid's alerts, or {@code null}
     * @param since only alerts created at or after this instant, or {@code null}
     */
    public List<Listed> list(boolean openOnly, String gridId, Instant since, int limit) throws IOException {
        BoolQueryBuilder query = QueryBuilders.boolQuery();
        if (openOnly) {
            query.filter(QueryBuilders.termQuery("status", "open"));
            query.mustNot(QueryBuilders.existsQuery("recoveredAt"));
        }
        if (gridId != null) {
            query.filter(QueryBuilders.termQuery("gridId", gridId));
        }
        if (since != null) {
            query.filter(QueryBuilders.rangeQuery("createdAt").gte(since.toString()));
        }
        SearchRequest request = new SearchRequest(Indices.ALERTS).source(new SearchSourceBuilder()
                .query(query)
                .size(limit)
                .sort("createdAt", SortOrder.DESC)
                .sort("alertId", SortOrder.ASC));
        SearchHit[] hits;
        try {
            hits = client.search(request, RequestOptions.DEFAULT).getHits().getHits();
        } catch (ElasticsearchStatusException e) {
            if (e.status() == RestStatus.NOT_FOUND) {
                return List.of(); // no alert was ever indexed
            }
            throw e;
        }
        List<Listed> alerts = new ArrayList<>();
        for (SearchHit hit : hits) {
            Object status = hit.getSourceAsMap().get("status");
            alerts.add(new Listed(
                    AlertCodec.decode(hit.getSourceAsString().getBytes(StandardCharsets.UTF_8)),
                    status == null ? "open" : status.toString()));
        }
        return alerts;
    }
}
