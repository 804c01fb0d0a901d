package io.gridwatch.query;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.WireName;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;

/**
 * An alert's evidence from the events index, in time order, for the grid lead's action page: when, what kind (the
 * category, or the patrol's kind), and what was said or found — as indexed, masked. An event not (yet) indexed is left
 * out.
 */
public final class AlertEvidence {

    /** One piece of evidence. */
    public record Item(String eventId, Instant at, String what, String text) {}

    private AlertEvidence() {}

    public static List<Item> of(RestHighLevelClient client, Alert alert) throws IOException {
        SearchResponse found = client.search(new SearchRequest(Indices.EVENTS)
                        .indicesOptions(IndicesOptions.lenientExpandOpen())
                        .source(new SearchSourceBuilder()
                                .query(QueryBuilders.idsQuery().addIds(alert.eventIds().stream()
                                        .map(id -> alert.gridId() + "|" + id).toArray(String[]::new)))
                                .size(alert.eventIds().size())),
                RequestOptions.DEFAULT);
        List<Item> evidence = new ArrayList<>();
        for (SearchHit hit : found.getHits().getHits()) {
            Map<String, Object> event = hit.getSourceAsMap();
            boolean complaint = "complaint".equals(event.get("type"));
            String what = complaint
                    ? WireName.find(Category.class, String.valueOf(event.get("category"))).map(Category::label).orElse("诉求")
                    : "网格员" + WireName.find(PatrolKind.class, String.valueOf(event.get("kind"))).map(PatrolKind::label).orElse("走访");
            String text = complaint ? String.valueOf(event.getOrDefault("text", "")) : findings(event);
            evidence.add(new Item(String.valueOf(event.get("eventId")), Instant.parse(String.valueOf(event.get("occurredAt"))),
                    what, text));
        }
        evidence.sort(Comparator.comparing(Item::at));
        return evidence;
    }

    private static String findings(Map<String, Object> patrol) {
        if (!(patrol.get("findings") instanceof List<?> findings)) {
            return "";
        }
        return findings.stream()
                .map(finding -> finding instanceof Map<?, ?> f && f.get("note") != null ? String.valueOf(f.get("note")) : "")
                .filter(note -> !note.isBlank())
                .collect(Collectors.joining("；"));
    }
}
