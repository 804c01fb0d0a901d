package io.gridwatch.job;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.config.JobConfig;
import io.gridwatch.detect.RepeatedDisputeDetector;
import io.gridwatch.ingest.EventDeserializer;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.Ingested;
import io.gridwatch.ingest.RouteRejected;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.BulkSettings;
import io.gridwatch.sink.elasticsearch.ElasticsearchClients;
import io.gridwatch.sink.elasticsearch.ElasticsearchSink;
import io.gridwatch.sink.elasticsearch.IndexTemplates;
import io.gridwatch.sink.kafka.AlertRecords;
import io.gridwatch.sink.kafka.DeadLetterRecords;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * The early-warning job (预警作业): complaints and patrols from Kafka → validation → detectors → alerts in
 * Elasticsearch ({@code gridwatch-alerts}) and on Kafka ({@code gridwatch.alerts}); invalid records → dead-letter
 * topic.
 *
 * <p>{@link #main} reads the configuration, applies the index templates, builds the Kafka source and the sinks,
 * and hands the streams to {@link #detect}, the topology that tests drive with bounded sources.
 */
public final class EarlyWarningJob {

    public static final String JOB_NAME = "GridWatch early warning";

    private EarlyWarningJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        try (RestHighLevelClient client = ElasticsearchClients.create(config.elasticsearchHosts())) {
            IndexTemplates.apply(client.getLowLevelClient());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);
        env.execute(JOB_NAME);
    }

    /** Wires the Kafka source and the Elasticsearch and Kafka sinks of {@code config} around {@link #detect}. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        env.enableCheckpointing(config.checkpointInterval().toMillis());

        SingleOutputStreamOperator<GridEvent> events = env.fromSource(
                        kafkaSource(config),
                        EventTime.forIngested(config.maxOutOfOrderness(), config.idleTimeout()),
                        "Kafka: complaints and patrols")
                .uid(OperatorIds.EVENT_SOURCE)
                .process(new RouteRejected())
                .uid(OperatorIds.ROUTE_REJECTED)
                .name("Route invalid records to the dead-letter topic");

        events.getSideOutput(StreamTags.REJECTED)
                .sinkTo(kafkaSink(config, new DeadLetterRecords(config.deadLetterTopic())))
                .uid(OperatorIds.DEADLETTER_SINK)
                .name("Kafka: " + config.deadLetterTopic());

        DataStream<Alert> alerts = detect(events, config.rules(), config.registry());

        alerts.sinkTo(new ElasticsearchSink<>(
                        config.elasticsearchHosts(),
                        new AlertDocuments(),
                        new BulkSettings(
                                config.bulkMaxActions(), config.bulkFlushInterval(), config.elasticsearchMaxRetryTime())))
                .uid(OperatorIds.ALERTS_ELASTICSEARCH_SINK)
                .name("Elasticsearch: " + IndexTemplates.ALERTS_INDEX);
        alerts.sinkTo(kafkaSink(config, new AlertRecords(config.alertsTopic())))
                .uid(OperatorIds.ALERTS_KAFKA_SINK)
                .name("Kafka: " + config.alertsTopic());
    }

    /**
     * The detection topology.
     *
     * @param events valid events with event-time timestamps and watermarks
     * @return every alert raised
     */
    public static DataStream<Alert> detect(DataStream<GridEvent> events, Rules rules, GridRegistry registry) {
        DataStream<Complaint> complaints = events.flatMap(EarlyWarningJob::complaintsOnly, Types.POJO(Complaint.class))
                .name("Complaints");

        return CEP.pattern(
                        complaints.keyBy(RepeatedDisputeDetector.KEY, Types.STRING),
                        RepeatedDisputeDetector.pattern(rules.repeatedDispute()))
                .inEventTime()
                .process(new RepeatedDisputeDetector.ToAlert(rules.repeatedDispute(), registry))
                .uid(OperatorIds.REPEATED_DISPUTE)
                .name("Detect " + RepeatedDisputeDetector.NAME);
    }

    private static void complaintsOnly(GridEvent event, Collector<Complaint> out) {
        if (event instanceof Complaint complaint) {
            out.collect(complaint);
        }
    }

    private static <T> KafkaSink<T> kafkaSink(JobConfig config, KafkaRecordSerializationSchema<T> records) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static KafkaSource<Ingested> kafkaSource(JobConfig config) {
        KafkaSourceBuilder<Ingested> builder = KafkaSource.<Ingested>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId())
                .setTopics(config.complaintsTopic(), config.patrolsTopic())
                // Resume from the offsets committed at the last checkpoint; a new group starts at the beginning.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EventDeserializer(new EventValidator(
                        config.registry(), config.maxFutureSkew(), config.maxRecordBytes())));
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
