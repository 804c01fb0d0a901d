package io.gridwatch.demo;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertCodec;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;

/** Finds alerts that have become searchable in Elasticsearch since the last look. */
final class AlertWatcher {

    private final RestHighLevelClient client;
    private final Set<String> seen = new HashSet<>();

    AlertWatcher(RestHighLevelClient client) {
        this.client = client;
    }

    /** Alerts not returned before, oldest first. */
    List<Alert> newAlerts() throws IOException {
        SearchRequest request = new SearchRequest(Indices.ALERTS)
                .source(new SearchSourceBuilder().size(1000).sort("createdAt", SortOrder.ASC));
        SearchHit[] hits;
        try {
            hits = client.search(request, RequestOptions.DEFAULT).getHits().getHits();
        } catch (ElasticsearchStatusException e) {
            if (e.status() == RestStatus.NOT_FOUND) {
                return List.of(); // no alert has been indexed yet
            }
            throw e;
        }
        List<Alert> fresh = new ArrayList<>();
        for (SearchHit hit : hits) {
            if (seen.add(hit.getId())) {
                fresh.add(AlertCodec.decode(hit.getSourceAsString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return fresh;
    }

    int seenCount() {
        return seen.size();
    }
}
