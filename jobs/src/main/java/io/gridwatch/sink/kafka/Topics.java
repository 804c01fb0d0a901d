package io.gridwatch.sink.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates GridWatch's topics. Topics are created explicitly, with their partition counts, by {@code gridwatch setup},
 * the demo and tests: brokers should not create topics on first use, where a misspelt name becomes a new topic.
 */
public final class Topics {

    private Topics() {}

    /** Creates those of {@code topics} that do not exist yet; returns the ones it created. */
    public static List<String> create(Admin admin, Collection<String> topics, int partitions, short replicationFactor) {
        List<String> created = new ArrayList<>();
        for (String topic : topics) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                created.add(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + topic, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + topic + " within 30 s", e);
            }
        }
        return created;
    }
}
