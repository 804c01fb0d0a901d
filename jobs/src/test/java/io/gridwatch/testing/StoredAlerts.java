package io.gridwatch.testing;

import static io.gridwatch.common.testing.TestEvents.DAY_1;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.Document;
import io.gridwatch.sink.elasticsearch.Indices;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.elasticsearch.action.get.GetRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.support.WriteRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.xcontent.XContentType;

/** Alerts put straight into the shared Elasticsearch, as the job would have indexed them, for lifecycle tests. */
public final class StoredAlerts {

    private StoredAlerts() {}

    /** A client of the shared Elasticsearch, with the index templates applied. */
    public static RestHighLevelClient client() throws IOException {
        RestHighLevelClient client = TestRun.elasticsearch();
        IndexTemplates.apply(client.getLowLevelClient());
        return client;
    }

    /** Indexes a new, open red alert of 东湖街道/幸福里社区/G-XF-01-01 and returns its id. */
    public static String open(RestHighLevelClient client, String prefix) throws IOException {
        String alertId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Document document = new AlertDocuments().toDocument(Alert.builder("escalating_dispute", AlertLevel.RED)
                .alertId(alertId).grid(Detection.REGISTRY.find("G-XF-01-01").orElseThrow()).key("P-1001@幸福里小区3栋502")
                .window(DAY_1, DAY_1).evidence(2, List.of("C-1", "C-2"))
                .message("【红色预警·纠纷升级】幸福里小区3栋502邻里纠纷升级为肢体冲突").createdAt(DAY_1).build());
        client.index(new IndexRequest(document.index()).id(document.id()).source(document.insertOnly(), XContentType.JSON)
                .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE), RequestOptions.DEFAULT);
        return alertId;
    }

    /** The alert's lifecycle status as indexed. */
    public static String status(RestHighLevelClient client, String alertId) throws IOException {
        return (String) client.get(new GetRequest(Indices.ALERTS, alertId), RequestOptions.DEFAULT)
                .getSourceAsMap().get("status");
    }
}
