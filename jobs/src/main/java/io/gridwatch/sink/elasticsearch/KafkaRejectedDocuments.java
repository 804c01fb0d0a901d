package io.gridwatch.sink.elasticsearch;

import io.gridwatch.sink.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends rejected documents to the dead-letter topic, like rejected input records: the document as value, its id as
 * key, and the headers {@code gridwatch.reason} ({@value #REASON}), {@code gridwatch.detail} (Elasticsearch's
 * message) and {@code gridwatch.origin} ({@code <index>/<id>}).
 */
public final class KafkaRejectedDocuments implements RejectedDocuments {

    private static final long serialVersionUID = 1L;

    /** The reason code of a document Elasticsearch refused. */
    public static final String REASON = "rejected_by_elasticsearch";

    private final Properties clientProperties;
    private final String topic;
    private transient KafkaProducer<byte[], byte[]> producer;

    /** @param clientProperties bootstrap servers and any security settings of the job's Kafka clients */
    public KafkaRejectedDocuments(Properties clientProperties, String topic) {
        this.clientProperties = clientProperties;
        this.topic = topic;
    }

    @Override
    public void rejected(Document document, String reason) {
        if (producer == null) {
            producer = new KafkaProducer<>(clientProperties, new ByteArraySerializer(), new ByteArraySerializer());
        }
        List<Header> headers = DeadLetterHeaders.of(REASON, reason, document.index() + "/" + document.id());
        producer.send(new ProducerRecord<>(
                topic, null, null, document.id().getBytes(StandardCharsets.UTF_8), document.json(), headers));
    }

    @Override
    public void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
