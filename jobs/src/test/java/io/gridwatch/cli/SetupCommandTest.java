package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.config.JobConfig;
import io.gridwatch.setup.IndexTemplates;
import io.gridwatch.testing.SharedServices;
import io.gridwatch.testing.TestRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code gridwatch setup} against the real Kafka broker and Elasticsearch server (Kibana cannot run here). */
@ExtendWith(SharedServices.class)
@Tag("services")
class SetupCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void createsTheJobsTopicsAndAppliesTheTemplatesAndKeepsWhatExistsWhenRunAgain() throws Exception {
        assertThat(run(SharedServices.elasticsearch().url())).as(err.toString()).isZero();
        var topics = JobConfig.fromSources(Map.of(), name -> null).topics().all();

        try (Admin admin = SharedServices.kafka().admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            assertThat(described.values()).extracting(description -> description.partitions().size())
                    .containsOnly(3);
        }
        try (RestHighLevelClient client = TestRun.elasticsearch()) {
            for (String template : IndexTemplates.NAMES) {
                assertThat(client.getLowLevelClient().performRequest(new Request("GET", "/_index_template/" + template))
                        .getStatusLine().getStatusCode()).isEqualTo(200);
            }
        }

        assertThat(run(SharedServices.elasticsearch().url())).isZero();
        assertThat(out.toString()).contains("0 of " + topics.size() + " topics created");
    }

    @Test
    void reportsAnUnreachableServiceInOneLine() {
        assertThat(run("http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("gridwatch: ").doesNotContain("\tat ").hasLineCount(1);
    }

    private int run(String elasticsearch) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        var cli = GridWatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("setup", "--kafka", SharedServices.kafka().bootstrapServers(),
                "--elasticsearch", elasticsearch, "--partitions", "3");
    }
}
