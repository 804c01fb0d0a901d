package io.gridwatch.job;

import io.gridwatch.alerts.AlertSuppressor;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.codec.EventValidator;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.privacy.Masking;
import io.gridwatch.common.privacy.RecordSeal;
import io.gridwatch.common.rules.EscalatingDisputeRule;
import io.gridwatch.common.rules.RepeatedDisputeRule;
import io.gridwatch.common.rules.RuleSet;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.config.InvalidConfigException;
import io.gridwatch.config.JobConfig;
import io.gridwatch.detect.ByEventId;
import io.gridwatch.detect.EscalatingDisputeDetector;
import io.gridwatch.detect.NewCategoryDetector;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.detect.PatrolGapDetector;
import io.gridwatch.detect.RepeatedDisputeDetector;
import io.gridwatch.detect.RulesAwareFunction;
import io.gridwatch.detect.WatchStarts;
import io.gridwatch.detect.hotspot.ClusterHotspotDetector;
import io.gridwatch.detect.hotspot.GridHotspotDetector;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.ControlRecordDeserializer;
import io.gridwatch.ingest.DeadLetter;
import io.gridwatch.ingest.DropDuplicates;
import io.gridwatch.ingest.EventDeserializer;
import io.gridwatch.ingest.EventTime;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.ingest.Ingested;
import io.gridwatch.ingest.Parsed;
import io.gridwatch.ingest.RouteEvents;
import io.gridwatch.ingest.RouteParsed;
import io.gridwatch.ingest.RulesDeserializer;
import io.gridwatch.notify.ApplySilences;
import io.gridwatch.notify.DeliverNotices;
import io.gridwatch.notify.Dispatch;
import io.gridwatch.notify.EscalateAlerts;
import io.gridwatch.notify.Escalation;
import io.gridwatch.notify.EscalationDocuments;
import io.gridwatch.notify.FailedNotice;
import io.gridwatch.notify.FailedNoticeRecords;
import io.gridwatch.notify.NotificationRoutes;
import io.gridwatch.notify.RetryingDelivery;
import io.gridwatch.rollup.DailyRollup;
import io.gridwatch.rollup.GridDay;
import io.gridwatch.rollup.GridDayDocuments;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.BulkSettings;
import io.gridwatch.sink.elasticsearch.DocumentMapper;
import io.gridwatch.sink.elasticsearch.ElasticsearchSink;
import io.gridwatch.sink.elasticsearch.EventDocuments;
import io.gridwatch.sink.elasticsearch.IndexTemplates;
import io.gridwatch.sink.elasticsearch.Indices;
import io.gridwatch.sink.elasticsearch.KafkaRejectedDocuments;
import io.gridwatch.sink.elasticsearch.LifecycleDocuments;
import io.gridwatch.sink.kafka.AlertRecords;
import io.gridwatch.sink.kafka.DeadLetterRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * The early-warning job (预警作业): complaints and patrols from Kafka → validation → detectors → suppression →
 * alerts in Elasticsearch ({@code gridwatch-alerts}) and on Kafka ({@code gridwatch.alerts}). Every valid event,
 * late ones marked, is indexed into {@code gridwatch-events-YYYY.MM} with complainants masked; invalid records and
 * invalid rules go to the dead-letter topic; rules published on the rules topic reach the detectors that can take
 * them while running.
 *
 * <p>{@link #main} reads the configuration, applies the index templates, and calls {@link #build}, which builds the
 * Kafka sources and the sinks and hands the streams to {@link #detect}, the topology that tests drive with bounded
 * sources.
 */
public final class EarlyWarningJob {

    public static final String JOB_NAME = "GridWatch early warning";

    /** Checkpoints when neither {@code checkpoint.storage} nor Flink names a directory: this machine's temp dir. */
    public static final Path LOCAL_CHECKPOINTS =
            Path.of(System.getProperty("java.io.tmpdir"), "gridwatch-checkpoints");

    private EarlyWarningJob() {}

    /**
     * The entry class of the job jar: configuration from the Flink configuration's {@code gridwatch.*} keys,
     * {@code GRIDWATCH_*} environment variables and {@code --key value} arguments ({@link JobConfig#fromSources}).
     */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfig config = JobConfig.fromSources(env.getConfiguration().toMap(), System::getenv, args);
        if (config.warmStartHistory().isPresent()) {
            throw new InvalidConfigException("warm-start.history: a warm start runs from io.gridwatch.replay.WarmStart "
                    + "(gridwatch run does so when the key is given)");
        }
        prepare(config);
        build(env, config);
        env.execute(JOB_NAME);
    }

    /**
     * The key that seals dead letters, checked now — a missing or short one stops start-up, naming the variable — and
     * read again from the TaskManagers' environment where they are written.
     */
    private static DeadLetterRecords.Secret deadLetterKey(NotificationRoutes.Environment secrets) {
        try {
            RecordSeal.of(secrets.get(RecordSeal.VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
        return () -> secrets.get(RecordSeal.VARIABLE);
    }

    /** What the job needs before it starts: the index templates its documents are written under. */
    public static void prepare(JobConfig config) throws java.io.IOException {
        try (RestHighLevelClient client = config.elasticsearch().client()) {
            IndexTemplates.apply(client.getLowLevelClient());
        }
    }

    /** Wires the Kafka source and the Elasticsearch and Kafka sinks of {@code config} around {@link #detect}. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        DeadLetterRecords.Secret deadLetterKey = deadLetterKey(config.secrets());
        configureCheckpoints(env, config);
        GridEventTypeInfo.register(env);

        SingleOutputStreamOperator<Arrival> routed = env.fromSource(
                        kafkaSource(config),
                        EventTime.forIngested(config.maxOutOfOrderness(), config.idleTimeout()),
                        "Kafka: complaints and patrols")
                .uid(OperatorIds.EVENT_SOURCE)
                .transform("Route invalid records aside, stamp late ones now", TypeInformation.of(Arrival.class),
                        new RouteEvents())
                .uid(OperatorIds.ROUTE_EVENTS);
        SingleOutputStreamOperator<Arrival> arrivals = deduplicate(routed, config.dedupWindow());
        index(arrivals, config, new EventDocuments(config.registry()), OperatorIds.EVENTS_ELASTICSEARCH_SINK,
                Indices.EVENTS);
        // From here on, state and checkpoints hold residents as keyed hashes and free text masked, never in clear.
        DataStream<GridEvent> events = arrivals.map(arrival -> Masking.pseudonymous(arrival.event()), GridEventTypeInfo.INSTANCE)
                .name("Events, residents pseudonymised");

        SingleOutputStreamOperator<Rules> ruleUpdates = control(env, config.rulesTopic(), new RulesDeserializer(config.rules()),
                Rules.class, "rules", OperatorIds.RULES_SOURCE, OperatorIds.ROUTE_RULES, config);
        SingleOutputStreamOperator<Silence> silences = control(env, config.silencesTopic(),
                ControlRecordDeserializer.silences(), Silence.class, "silences",
                OperatorIds.SILENCES_SOURCE, OperatorIds.ROUTE_SILENCES, config);
        SingleOutputStreamOperator<LifecycleEvent> lifecycle = control(env, config.lifecycleTopic(),
                ControlRecordDeserializer.lifecycleEvents(), LifecycleEvent.class, "lifecycle",
                OperatorIds.LIFECYCLE_SOURCE, OperatorIds.ROUTE_LIFECYCLE, config);
        routed.getSideOutput(DeadLetter.REJECTED)
                .union(arrivals.getSideOutput(DeadLetter.REJECTED),
                        ruleUpdates.getSideOutput(DeadLetter.REJECTED),
                        silences.getSideOutput(DeadLetter.REJECTED),
                        lifecycle.getSideOutput(DeadLetter.REJECTED))
                .sinkTo(kafkaSink(config, new DeadLetterRecords(config.deadLetterTopic(), deadLetterKey)))
                .uid(OperatorIds.DEADLETTER_SINK)
                .name("Kafka: " + config.deadLetterTopic());

        Instant started = Instant.now();
        // Bounded input ends with event time at the end of time, which would fire every deadline still ahead (a patrol
        // gap, an unanswered complaint, an escalation) as if the future had been quiet: only what falls due by the
        // time the job started counts, as a live job's wall-clock watermark would have it.
        Instant horizon = config.bounded() ? started : Instant.MAX;
        // Every registry grid is watched for patrols from the start, patrolled yet or not (a restored job keeps its own).
        DataStream<Alert> alerts = dueBy(horizon,
                silence(detect(events, ruleUpdates, config.rules(), config.registry(), started), silences),
                alert -> alert.recoveredAt() != null ? alert.recoveredAt() : alert.createdAt(), "Alerts");

        index(rollup(events, alerts), config, new GridDayDocuments(config.registry()),
                OperatorIds.GRID_DAILY_ELASTICSEARCH_SINK, Indices.GRID_DAILY);
        index(alerts, config, new AlertDocuments(), OperatorIds.ALERTS_ELASTICSEARCH_SINK, Indices.ALERTS);
        alerts.sinkTo(alertsKafkaSink(config))
                .uid(OperatorIds.ALERTS_KAFKA_SINK)
                .name("Kafka: " + config.alertsTopic());

        NotifyOutputs notified = notifyStaff(alerts, lifecycle, config.notificationRoutes(), config.registry(),
                new RetryingDelivery(config.notifyMaxAttempts(), Duration.ofSeconds(1), Duration.ofMinutes(1)), horizon);
        index(notified.escalations(), config, new EscalationDocuments(), OperatorIds.ESCALATIONS_ELASTICSEARCH_SINK,
                Indices.HISTORY);
        // The lifecycle topic is the source of truth of staff's changes: their documents follow from it.
        index(lifecycle, config, LifecycleDocuments.alerts(), OperatorIds.LIFECYCLE_ALERTS_ELASTICSEARCH_SINK,
                Indices.ALERTS + " (lifecycle)");
        index(lifecycle, config, LifecycleDocuments.history(), OperatorIds.LIFECYCLE_HISTORY_ELASTICSEARCH_SINK,
                Indices.HISTORY);
        notified.failed()
                .sinkTo(kafkaSink(config, new FailedNoticeRecords(config.deadLetterTopic())))
                .uid(OperatorIds.FAILED_NOTICES_SINK)
                .name("Kafka: " + config.deadLetterTopic() + " (notices)");
    }

    /**
     * What of {@code stream} falls due by {@code horizon}, by the time {@code dueAt} gives each element; all of it, and
     * no extra operator, for {@link Instant#MAX} (a live job).
     */
    static <T> DataStream<T> dueBy(Instant horizon, DataStream<T> stream, SerializableFunction<T, Instant> dueAt,
            String what) {
        if (horizon.equals(Instant.MAX)) {
            return stream;
        }
        return stream.filter(element -> !dueAt.apply(element).isAfter(horizon)).name(what + " due by the horizon");
    }

    /** Marks the alerts a silence covers; they are indexed and published like the others, and not sent. */
    public static DataStream<Alert> silence(DataStream<Alert> alerts, DataStream<Silence> silences) {
        return alerts.connect(silences.broadcast(ApplySilences.SILENCES))
                .process(new ApplySilences(), TypeInformation.of(Alert.class))
                .uid(OperatorIds.APPLY_SILENCES)
                .name("Mark silenced alerts");
    }

    /** What notifying leaves to be written: escalations for the alert history, notices that could not be sent. */
    public record NotifyOutputs(DataStream<Escalation> escalations, DataStream<FailedNotice> failed) {}

    /**
     * Notifies grid leads of alerts, escalates unacknowledged ones to the community and the street, and tells
     * everyone notified when an alert recovers; each recipient's notices are rate limited into digests.
     *
     * @param lifecycle acknowledgements and resolutions by staff, which stop escalation
     * @param horizon notices and escalations due after it are not sent ({@link Instant#MAX} when live)
     */
    public static NotifyOutputs notifyStaff(DataStream<Alert> alerts, DataStream<LifecycleEvent> lifecycle,
            NotificationRoutes routes, GridRegistry registry, RetryingDelivery delivery, Instant horizon) {
        SingleOutputStreamOperator<Dispatch> dispatches = alerts.keyBy(Alert::alertId, Types.STRING)
                .connect(lifecycle.keyBy(LifecycleEvent::alertId, Types.STRING))
                .process(new EscalateAlerts(routes, registry), TypeInformation.of(Dispatch.class))
                .uid(OperatorIds.ESCALATE_ALERTS)
                .name("Decide notices and escalations");
        SingleOutputStreamOperator<Void> delivered = dueBy(horizon, dispatches, Dispatch::at, "Notices")
                .keyBy(Dispatch::recipient, Types.STRING)
                .process(new DeliverNotices(routes, registry, delivery), Types.VOID)
                .uid(OperatorIds.DELIVER_NOTICES)
                .name("Deliver notices, rate limited");
        return new NotifyOutputs(
                dueBy(horizon, dispatches.getSideOutput(EscalateAlerts.ESCALATIONS), Escalation::at, "Escalations"),
                delivered.getSideOutput(DeliverNotices.FAILED_NOTICES));
    }

    /**
     * Each event id once, keyed by grid, with duplicates on {@code REJECTED}. A grid's events leave on one channel, in
     * the order they came.
     */
    public static SingleOutputStreamOperator<Arrival> deduplicate(DataStream<Arrival> arrivals, Duration window) {
        return arrivals.keyBy(arrival -> arrival.event().gridId(), Types.STRING)
                .process(new DropDuplicates(window), TypeInformation.of(Arrival.class))
                .uid(OperatorIds.DROP_DUPLICATES)
                .name("Drop duplicate event ids");
    }

    /** Per grid and day: complaints by category and severity, alerts by detector, patrols, response times. */
    public static DataStream<GridDay> rollup(DataStream<GridEvent> events, DataStream<Alert> alerts) {
        return events.keyBy(GridEvent::gridId, Types.STRING)
                .connect(alerts.keyBy(Alert::gridId, Types.STRING))
                .process(new DailyRollup(), TypeInformation.of(GridDay.class))
                .uid(OperatorIds.DAILY_ROLLUP)
                .name("Daily rollup per grid");
    }

    /** Every detector, by name as in rules, alerts and dashboards. */
    public static final List<String> DETECTORS = List.of(
            RepeatedDisputeDetector.NAME, OverdueResponseDetector.NAME, EscalatingDisputeDetector.NAME,
            PatrolGapDetector.NAME, NewCategoryDetector.NAME, GridHotspotDetector.NAME, ClusterHotspotDetector.NAME);

    /** The detection topology with the rules it starts with and no updates (tests, replays). */
    public static DataStream<Alert> detect(DataStream<GridEvent> events, Rules rules, GridRegistry registry) {
        return detect(events, noUpdates(events, rules), rules, registry, DETECTORS, null);
    }

    /**
     * As {@link #detect(DataStream, Rules, GridRegistry)}, with every grid of the registry watched for patrols from
     * {@code watchFrom}: a grid that no patrol visits gets its patrol-gap deadline from then (a replay: the history's
     * start).
     */
    public static DataStream<Alert> detect(
            DataStream<GridEvent> events, Rules rules, GridRegistry registry, Instant watchFrom) {
        return detect(events, noUpdates(events, rules), rules, registry, DETECTORS, watchFrom);
    }

    /** The live topology: rules updates, and every registry grid watched for patrols from {@code watchFrom}. */
    public static DataStream<Alert> detect(DataStream<GridEvent> events, DataStream<Rules> ruleUpdates, Rules rules,
            GridRegistry registry, Instant watchFrom) {
        return detect(events, ruleUpdates, rules, registry, DETECTORS, watchFrom);
    }

    /**
     * The detection topology: every detector, then suppression.
     *
     * @param events valid events with event-time timestamps and watermarks
     * @param ruleUpdates rules published while the job runs; the detectors built on {@link RulesAwareFunction}
     *     apply them at once, the CEP detectors keep the {@code rules} the job was built with
     * @return the alerts to index and publish
     */
    public static DataStream<Alert> detect(
            DataStream<GridEvent> events, DataStream<Rules> ruleUpdates, Rules rules, GridRegistry registry) {
        return detect(events, ruleUpdates, rules, registry, DETECTORS, null);
    }

    /** Only the named detectors, with the rules they start with (benchmarks measure them one by one). */
    public static DataStream<Alert> detect(
            DataStream<GridEvent> events, Rules rules, GridRegistry registry, Collection<String> detectors) {
        return detect(events, noUpdates(events, rules), rules, registry, detectors, null);
    }

    private static DataStream<Rules> noUpdates(DataStream<GridEvent> events, Rules rules) {
        return events.getExecutionEnvironment()
                .fromData(List.of(rules), TypeInformation.of(Rules.class))
                .name("Starting rules");
    }

    private static DataStream<Alert> detect(DataStream<GridEvent> events, DataStream<Rules> ruleUpdates, Rules rules,
            GridRegistry registry, Collection<String> detectors, Instant watchFrom) {
        BroadcastStream<Rules> broadcastRules = ruleUpdates.broadcast(RulesAwareFunction.RULES);
        DataStream<Complaint> complaints =
                events.flatMap(EarlyWarningJob::complaintsOnly, Types.POJO(Complaint.class)).name("Complaints");
        List<DataStream<Alert>> raised = new ArrayList<>();
        if (detectors.contains(RepeatedDisputeDetector.NAME)) {
            raised.addAll(repeatedDisputes(complaints, rules.repeatedDispute(), registry));
        }
        if (detectors.contains(OverdueResponseDetector.NAME)) {
            raised.add(events.filter(OverdueResponseDetector::isInput)
                    .name("Complaints and answers")
                    .keyBy(OverdueResponseDetector.KEY, Types.STRING)
                    .connect(broadcastRules)
                    .process(new OverdueResponseDetector(rules, registry))
                    .uid(OperatorIds.OVERDUE_RESPONSE)
                    .name("Detect " + OverdueResponseDetector.NAME));
        }
        if (detectors.contains(EscalatingDisputeDetector.NAME)) {
            raised.addAll(escalatingDisputes(complaints, rules.escalatingDispute(), registry));
        }
        if (detectors.contains(PatrolGapDetector.NAME)) {
            DataStream<Patrol> patrols = events.flatMap(EarlyWarningJob::patrolsOnly, Types.POJO(Patrol.class))
                    .name("Patrols");
            if (watchFrom != null) {
                patrols = patrols.union(watchStarts(events.getExecutionEnvironment(), registry, watchFrom));
            }
            raised.add(patrols
                    .keyBy(Patrol::gridId, Types.STRING)
                    .connect(broadcastRules)
                    .process(new PatrolGapDetector(rules, registry))
                    .uid(OperatorIds.PATROL_GAP)
                    .name("Detect " + PatrolGapDetector.NAME));
        }
        // The detectors that learn before they speak see when each grid began to be watched.
        DataStream<Complaint> watched = complaints;
        if (watchFrom != null && (detectors.contains(NewCategoryDetector.NAME) || detectors.contains(
                GridHotspotDetector.NAME) || detectors.contains(ClusterHotspotDetector.NAME))) {
            watched = complaints.union(categoryWatchStarts(events.getExecutionEnvironment(), registry, rules, watchFrom));
        }
        if (detectors.contains(NewCategoryDetector.NAME)) {
            raised.add(watched
                    .keyBy(NewCategoryDetector.KEY, Types.STRING)
                    .connect(broadcastRules)
                    .process(new NewCategoryDetector(rules, registry))
                    .uid(OperatorIds.NEW_CATEGORY)
                    .name("Detect " + NewCategoryDetector.NAME));
        }
        if (detectors.contains(GridHotspotDetector.NAME) || detectors.contains(ClusterHotspotDetector.NAME)) {
            // Clusters are made of grid hotspots: the grid detector runs for either.
            DataStream<Alert> hotspots = watched
                    .keyBy(Complaint::gridId, Types.STRING)
                    .connect(broadcastRules)
                    .process(new GridHotspotDetector(rules, registry))
                    .uid(OperatorIds.GRID_HOTSPOT)
                    .name("Detect " + GridHotspotDetector.NAME);
            if (detectors.contains(GridHotspotDetector.NAME)) {
                raised.add(hotspots);
            }
            if (detectors.contains(ClusterHotspotDetector.NAME)) {
                raised.add(hotspots
                        .keyBy(Alert::street, Types.STRING)
                        .connect(broadcastRules)
                        .process(new ClusterHotspotDetector(rules, registry))
                        .uid(OperatorIds.CLUSTER_HOTSPOT)
                        .name("Detect " + ClusterHotspotDetector.NAME));
            }
        }
        if (raised.isEmpty()) {
            throw new IllegalArgumentException("no detector among " + detectors + "; known: " + DETECTORS);
        }
        DataStream<Alert> all = raised.get(0);
        for (DataStream<Alert> more : raised.subList(1, raised.size())) {
            all = all.union(more);
        }
        return all.keyBy(AlertSuppressor.KEY, Types.STRING)
                .connect(broadcastRules)
                .process(new AlertSuppressor(rules))
                .uid(OperatorIds.SUPPRESS_ALERTS)
                .name("Suppress repeated alerts within cool-down");
    }

    /**
     * One CEP operator per street with overrides of its own, and one for the other streets: CEP fixes a pattern's
     * thresholds when the job is built, and each street's pattern holds the rule of every category
     * ({@link RepeatedDisputeDetector#pattern}), so disputes of different categories about one subject count together.
     * Each operator gets only the complaints its pattern can match: under relaxed contiguity the others change no
     * match, and sent on they would cost a shuffle and a place in CEP's buffer each.
     */
    private static List<DataStream<Alert>> repeatedDisputes(
            DataStream<Complaint> complaints, RuleSet<RepeatedDisputeRule> rules, GridRegistry registry) {
        Set<String> streetsWithOverrides = rules.streetsWithOverrides();
        Map<String, String> streetByVariant = new LinkedHashMap<>();
        streetByVariant.put("default", null);
        streetsWithOverrides.forEach(street -> streetByVariant.put("street=" + street, street));
        List<DataStream<Alert>> alerts = new ArrayList<>();
        streetByVariant.forEach((variant, variantStreet) -> {
            Map<Category, RepeatedDisputeRule> byCategory = rules.byCategory(variantStreet);
            Set<Category> watched = RepeatedDisputeDetector.watched(byCategory);
            DataStream<Complaint> mine = complaints
                    .filter(c -> {
                        String street = street(registry, c);
                        return watched.contains(c.category()) && Objects.equals(variantStreet,
                                streetsWithOverrides.contains(street) ? street : null);
                    })
                    .name("Complaints under " + RepeatedDisputeDetector.NAME + " rules " + variant);
            alerts.add(CEP.pattern(mine.keyBy(RepeatedDisputeDetector.KEY, Types.STRING),
                            RepeatedDisputeDetector.pattern(byCategory), new ByEventId())
                    .inEventTime()
                    .process(new RepeatedDisputeDetector.ToAlert(byCategory, registry))
                    .uid(OperatorIds.variant(OperatorIds.REPEATED_DISPUTE, variant))
                    .name("Detect " + RepeatedDisputeDetector.NAME + " (" + variant + ")"));
        });
        return alerts;
    }

    /**
     * One pattern per street variant; the pattern spans categories, so only street overrides apply. As for repeated
     * disputes, only complaints of the rule's categories (dispute or conflict) reach it.
     */
    private static List<DataStream<Alert>> escalatingDisputes(
            DataStream<Complaint> complaints, RuleSet<EscalatingDisputeRule> rules, GridRegistry registry) {
        List<DataStream<Alert>> alerts = new ArrayList<>();
        rules.variants().forEach((rule, variant) -> {
            KeyedStream<Complaint, String> mine = complaints
                    .filter(c -> (rule.categories().contains(c.category())
                                    || rule.conflictCategories().contains(c.category()))
                            && rules.forStreet(street(registry, c)).equals(rule))
                    .name("Complaints under " + EscalatingDisputeDetector.NAME + " rules " + variant)
                    .keyBy(RepeatedDisputeDetector.KEY, Types.STRING);
            alerts.add(CEP.pattern(mine, EscalatingDisputeDetector.pattern(rule), new ByEventId())
                    .inEventTime()
                    .process(new EscalatingDisputeDetector.ToAlert(rule, registry))
                    .uid(OperatorIds.variant(OperatorIds.ESCALATING_DISPUTE, variant))
                    .name("Detect " + EscalatingDisputeDetector.NAME + " (" + variant + ")"));
        });
        return alerts;
    }

    /** One {@link WatchStarts#patrols} marker per registry grid, at {@code at}. */
    private static DataStream<Patrol> watchStarts(StreamExecutionEnvironment env, GridRegistry registry, Instant at) {
        List<Patrol> starts = registry.grids().stream().map(g -> WatchStarts.patrols(g.gridId(), at)).toList();
        return markers(env, starts, Patrol.class, OperatorIds.WATCH_STARTS, "Registry grids watched from " + at);
    }

    /**
     * One {@link WatchStarts#complaints} marker per registry grid and category {@code new_category} watches, at
     * {@code at}: for {@code new_category}, and for {@code grid_hotspot}, which takes each grid's first.
     */
    private static DataStream<Complaint> categoryWatchStarts(
            StreamExecutionEnvironment env, GridRegistry registry, Rules rules, Instant at) {
        Set<Category> watched = new java.util.TreeSet<>();
        rules.newCategory().variants().keySet().forEach(rule -> watched.addAll(rule.categories()));
        List<Complaint> starts = new ArrayList<>();
        registry.grids().forEach(grid -> watched.forEach(
                category -> starts.add(WatchStarts.complaints(grid.gridId(), category, at))));
        return markers(env, starts, Complaint.class, OperatorIds.CATEGORY_WATCH_STARTS,
                "Registry grids' categories watched from " + at);
    }

    /** Markers from a bounded source of their own, in event time as they are dated. */
    private static <T extends GridEvent> DataStream<T> markers(
            StreamExecutionEnvironment env, List<T> markers, Class<T> type, String uid, String name) {
        return env.fromData(markers, Types.POJO(type))
                .uid(uid)
                .name(name)
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<T>forMonotonousTimestamps()
                        .withTimestampAssigner((marker, previous) -> marker.knownAt().toEpochMilli()))
                // A uid of its own too: a savepoint taken after the source finished restores only if every operator
                // of the chain is found finished (a warm start's savepoint comes from another job graph).
                .uid(uid + "-event-time")
                .name(name + " (event time)")
                .setParallelism(1);
    }

    private static String street(GridRegistry registry, GridEvent event) {
        return registry.find(event.gridId()).orElseThrow().street();
    }

    private static void complaintsOnly(GridEvent event, Collector<Complaint> out) {
        if (event instanceof Complaint complaint) {
            out.collect(complaint);
        }
    }

    private static void patrolsOnly(GridEvent event, Collector<Patrol> out) {
        if (event instanceof Patrol patrol) {
            out.collect(patrol);
        }
    }

    /**
     * Indexes {@code stream} in a task of its own, dead-lettering documents Elasticsearch refuses: a bulk request waits
     * for Elasticsearch, and chained to the operator before it that wait would hold detection up (measured: alert
     * latency fell by a quarter, BENCHMARKS.md).
     */
    private static <T> void index(
            DataStream<T> stream, JobConfig config, DocumentMapper<T> documents, String uid, String target) {
        stream.sinkTo(new ElasticsearchSink<>(
                        config.elasticsearch(),
                        documents,
                        new BulkSettings(config.bulkMaxActions(), config.bulkFlushInterval(), config.elasticsearchMaxRetryTime()),
                        new KafkaRejectedDocuments(producerProperties(config), config.deadLetterTopic())))
                .uid(uid)
                .name("Elasticsearch: " + target)
                .disableChaining();
    }

    /**
     * Checkpoints carry the Kafka offsets and the state; kept when the job is cancelled so that it can be restarted
     * from the last one. Restarts use Flink's default with checkpointing on: exponential delay, without end.
     */
    private static void configureCheckpoints(StreamExecutionEnvironment env, JobConfig config) {
        env.enableCheckpointing(config.checkpointInterval().toMillis(), config.checkpointMode());
        Configuration checkpoints = new Configuration();
        checkpoints.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Never the JobManager's memory: it refuses state over 5 MB, which a city's grids pass within days, and the
        // job would fail at every checkpoint. Flink's own checkpoint directory, when the cluster sets one, stands.
        String directory = config.checkpointStorage()
                .or(() -> env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .orElse(LOCAL_CHECKPOINTS.toUri().toString());
        checkpoints.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        checkpoints.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        env.configure(checkpoints);
    }

    /**
     * Alerts on Kafka, exactly once by default: written in a transaction committed with each checkpoint, so a
     * restart does not publish an alert record twice (read_committed consumers see it one checkpoint later).
     */
    private static KafkaSink<Alert> alertsKafkaSink(JobConfig config) {
        if (!config.alertsExactlyOnce()) {
            return kafkaSink(config, new AlertRecords(config.alertsTopic()));
        }
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(config.kafkaProperties())
                .setRecordSerializer(new AlertRecords(config.alertsTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.groupId() + "-alerts")
                // Longer than a checkpoint may take, within the broker's transaction.max.timeout.ms (15 min).
                .setProperty("transaction.timeout.ms", String.valueOf(Duration.ofMinutes(10).toMillis()))
                .build();
    }

    private static java.util.Properties producerProperties(JobConfig config) {
        java.util.Properties properties = config.kafkaProperties();
        properties.setProperty("bootstrap.servers", config.bootstrapServers());
        return properties;
    }

    private static <T> KafkaSink<T> kafkaSink(JobConfig config, KafkaRecordSerializationSchema<T> records) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(config.kafkaProperties())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /**
     * A stream of control records (rules, silences, lifecycle events) from {@code topic}: read from the beginning
     * every time, so the latest rules and every silence count even after a fresh start; without event time; invalid
     * records on the {@code REJECTED} side output.
     */
    private static <T> SingleOutputStreamOperator<T> control(StreamExecutionEnvironment env, String topic,
            KafkaRecordDeserializationSchema<Parsed<T>> deserializer, Class<T> type, String what,
            String sourceUid, String routeUid, JobConfig config) {
        KafkaSourceBuilder<Parsed<T>> builder = KafkaSource.<Parsed<T>>builder()
                .setProperties(config.kafkaProperties())
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId() + "-" + what)
                .setTopics(topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(deserializer);
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), EventTime.timeless(), "Kafka: " + topic)
                .uid(sourceUid)
                .process(new RouteParsed<T>(what), TypeInformation.of(type))
                .uid(routeUid)
                .name("Route invalid " + what + " aside");
    }

    private static KafkaSource<Ingested> kafkaSource(JobConfig config) {
        KafkaSourceBuilder<Ingested> builder = KafkaSource.<Ingested>builder()
                .setProperties(config.kafkaProperties())
                .setBootstrapServers(config.bootstrapServers())
                .setGroupId(config.groupId())
                .setTopics(config.complaintsTopic(), config.patrolsTopic())
                // Resume from the offsets committed at the last checkpoint; a new group starts at the beginning.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EventDeserializer(new EventValidator(
                        config.registry(), config.maxFutureSkew(), config.maxAge(), config.maxRecordBytes())));
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
