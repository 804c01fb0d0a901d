package io.gridwatch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.sink.elasticsearch.ElasticsearchAccess;
import io.gridwatch.testing.SharedServices;
import java.net.URI;
import java.util.List;
import org.elasticsearch.client.Request;
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
}
