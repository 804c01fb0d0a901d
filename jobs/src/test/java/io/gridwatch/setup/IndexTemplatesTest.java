package io.gridwatch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.testing.SharedServices;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServices.class)
@Tag("services")
class IndexTemplatesTest {

    @Test
    void appliesTwiceWithoutErrorAndInstallsEveryTemplate() throws Exception {
        try (RestHighLevelClient client =
                ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client()) {
            IndexTemplates.apply(client.getLowLevelClient());
            IndexTemplates.apply(client.getLowLevelClient());

            for (String name : IndexTemplates.NAMES) {
                int status = client.getLowLevelClient()
                        .performRequest(new Request("GET", "/_index_template/" + name))
                        .getStatusLine()
                        .getStatusCode();
                assertThat(status).as(name).isEqualTo(200);
            }
        }
    }

    @Test
    void addsAVersionsNewFieldsToTheIndicesAlreadyMade() throws Exception {
        try (RestHighLevelClient client =
                ElasticsearchAccess.open(List.of(URI.create(SharedServices.elasticsearch().url()))).client()) {
            // A month's index as an earlier version made it: strict, without the field this version adds.
            Request earlier = new Request("PUT", "/gridwatch-events-2019.01");
            earlier.setJsonEntity("{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{"
                    + "\"eventId\":{\"type\":\"keyword\"}}}}");
            client.getLowLevelClient().performRequest(earlier);

            IndexTemplates.apply(client.getLowLevelClient());

            client.index(new IndexRequest("gridwatch-events-2019.01").id("P-1")
                    .source(Map.of("eventId", "P-1", "satisfaction", "satisfied")), RequestOptions.DEFAULT);
            client.getLowLevelClient().performRequest(new Request("DELETE", "/gridwatch-events-2019.01"));
        }
    }
}
