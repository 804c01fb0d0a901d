package io.gridwatch.topology;

import io.gridwatch.alerts.AlertSuppressor;
import io.gridwatch.cases.CaseDocuments;
import io.gridwatch.cases.ComplaintCase;
import io.gridwatch.cases.ComplaintCases;
import io.gridwatch.cases.RepeatedEvidence;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.LifecycleEvent;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.privacy.Masking;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.OverdueResponseDetector;
import io.gridwatch.detect.RulesAwareFunction;
import io.gridwatch.ingest.Arrival;
import io.gridwatch.ingest.DeadLetter;
import io.gridwatch.ingest.DropDuplicates;
import io.gridwatch.ingest.GridEventTypeInfo;
import io.gridwatch.notify.ApplySilences;
import io.gridwatch.rollup.DailyRollup;
import io.gridwatch.rollup.GridDay;
import io.gridwatch.rollup.GridDayDocuments;
import io.gridwatch.sink.elasticsearch.AlertDocuments;
import io.gridwatch.sink.elasticsearch.EventDocuments;
import io.gridwatch.sink.elasticsearch.Indices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The early-warning topology (预警拓扑), one for the live job, replay, the warm start and the benchmarks, each of which
 * attaches its own sources and sinks: arrivals → duplicates dropped → residents pseudonymised → the detectors of
 * {@link Settings#detectors} → suppression → silences marked → alerts due by the horizon → daily rollups, complaint
 * cases and, when {@link Settings#notifying} is given, notices and escalations ({@link NotifyStaff}).
 *
 * <p>Input: valid events with event-time timestamps and watermarks, late ones already stamped; rules published while
 * running, silences and staff's lifecycle changes (no event time). Key: every stateful operator keys by grid, alert or
 * detector and grid ({@link OperatorIds} names them). Output: {@link Outputs}.
 */
public final class EarlyWarningTopology {

    private EarlyWarningTopology() {}

    /** What the topology reads. */
    public record Inputs(DataStream<Arrival> arrivals, DataStream<Rules> ruleUpdates, DataStream<Silence> silences,
            DataStream<LifecycleEvent> lifecycle) {

        /** {@code arrivals} with {@code rules} from the start, and no updates, silences or lifecycle changes. */
        public static Inputs withoutControl(DataStream<Arrival> arrivals, Rules rules) {
            return withoutControl(arrivals, startingRules(arrivals.getExecutionEnvironment(), rules));
        }

        /** {@code arrivals} with {@code ruleUpdates}, and no silences or lifecycle changes. */
        public static Inputs withoutControl(DataStream<Arrival> arrivals, DataStream<Rules> ruleUpdates) {
            // Derived from the rules stream rather than from an empty collection, which Flink's generator refuses.
            return new Inputs(arrivals, ruleUpdates,
                    ruleUpdates.flatMap((Rules r, Collector<Silence> none) -> {}, TypeInformation.of(Silence.class))
                            .name("No silences"),
                    ruleUpdates.flatMap((Rules r, Collector<LifecycleEvent> none) -> {},
                            TypeInformation.of(LifecycleEvent.class)).name("No lifecycle changes"));
        }
    }

    /**
     * Which detectors run, on what.
     *
     * @param rules the rules the job starts with
     * @param detectors the detectors that run ({@link Detectors#ALL} in a job)
     * @param watchFrom when every registry grid begins to be watched, or {@code null} to leave that to each grid's
     *     first event (a restored job keeps its own)
     */
    public record Detection(Rules rules, GridRegistry registry, List<DetectorSpec> detectors, Instant watchFrom) {

        /** Every detector, no grid watched before its first event. */
        public static Detection of(Rules rules, GridRegistry registry) {
            return new Detection(rules, registry, Detectors.ALL, null);
        }
    }

    /**
     * How the topology is built.
     *
     * @param dedupWindow how long an event id is remembered to drop its duplicates
     * @param horizon alerts, notices and escalations due after it are dropped: bounded input ends with event time at
     *     the end of time, which would fire every deadline still ahead as if the future had been quiet; {@link
     *     Instant#MAX} when live
     * @param notifying how notices are sent, or empty for none (a replay)
     */
    public record Settings(Detection detection, Duration dedupWindow, Instant horizon,
            Optional<NotifyStaff.Settings> notifying) {}

    /**
     * What it produces.
     *
     * @param events each event once, residents in clear (the events index masks them itself), late ones marked
     * @param alerts the alerts to index and publish, suppressed, silenced ones marked
     * @param gridDays the daily rollup per grid
     * @param cases each complaint's case (deadline, answer, resolution, rating) as it changes
     * @param repeatedEvidence the complaints that are evidence of a {@code repeated_dispute} alert
     * @param notified escalations and failed notices, when notifying
     * @param duplicates events already seen, for the dead-letter topic
     */
    public record Outputs(DataStream<Arrival> events, DataStream<Alert> alerts, DataStream<GridDay> gridDays,
            DataStream<ComplaintCase> cases, DataStream<RepeatedEvidence> repeatedEvidence,
            Optional<NotifyStaff.Outputs> notified, DataStream<DeadLetter> duplicates) {

        /** The outputs every run indexes into Elasticsearch, with their documents (grids placed by {@code registry}). */
        public List<Indexed<?>> indexed(GridRegistry registry) {
            return List.of(
                    new Indexed<>(events, new EventDocuments(registry), OperatorIds.EVENTS_ELASTICSEARCH_SINK,
                            Indices.EVENTS),
                    new Indexed<>(gridDays, new GridDayDocuments(registry), OperatorIds.GRID_DAILY_ELASTICSEARCH_SINK,
                            Indices.GRID_DAILY),
                    new Indexed<>(cases, CaseDocuments.cases(registry), OperatorIds.CASES_ELASTICSEARCH_SINK,
                            Indices.CASES),
                    new Indexed<>(repeatedEvidence, CaseDocuments.repeated(),
                            OperatorIds.REPEATED_EVIDENCE_ELASTICSEARCH_SINK, Indices.CASES + " (repeated disputes)"),
                    new Indexed<>(alerts, new AlertDocuments(), OperatorIds.ALERTS_ELASTICSEARCH_SINK, Indices.ALERTS));
        }
    }

    public static Outputs build(Inputs inputs, Settings settings) {
        SingleOutputStreamOperator<Arrival> events = deduplicate(inputs.arrivals(), settings.dedupWindow());
        // From here on, state and checkpoints hold residents as keyed hashes and free text masked, never in clear.
        DataStream<GridEvent> pseudonymous = events
                .map(arrival -> Masking.pseudonymous(arrival.event()), GridEventTypeInfo.INSTANCE)
                .name("Events, residents pseudonymised");
        DataStream<Alert> alerts = dueBy(settings.horizon(),
                silence(detect(pseudonymous, inputs.ruleUpdates(), settings.detection()), inputs.silences()),
                alert -> alert.recoveredAt() != null ? alert.recoveredAt() : alert.createdAt(), "Alerts");
        // A case whose deadline passes after the horizon is not overdue: the end of bounded input is not its deadline.
        DataStream<ComplaintCase> cases = dueBy(settings.horizon(),
                cases(pseudonymous, inputs.ruleUpdates(), settings.detection()),
                c -> c.dueReached() ? c.dueAt() : c.reportedAt(), "Cases");
        return new Outputs(events, alerts, rollup(pseudonymous, alerts), cases,
                alerts.flatMap((Alert alert, Collector<RepeatedEvidence> out) ->
                                RepeatedEvidence.of(alert).forEach(out::collect),
                        TypeInformation.of(RepeatedEvidence.class)).name("Evidence of repeated disputes"),
                settings.notifying().map(notifying -> NotifyStaff.build(alerts, inputs.lifecycle(), notifying,
                        settings.detection().registry(), settings.horizon())),
                events.getSideOutput(DeadLetter.REJECTED));
    }

    /**
     * The detectors of {@code detection} and suppression, on valid events with event-time timestamps and watermarks.
     * The detectors built on {@link RulesAwareFunction} apply {@code ruleUpdates} at once; the CEP detectors keep
     * {@link Detection#rules}.
     */
    public static DataStream<Alert> detect(DataStream<GridEvent> events, DataStream<Rules> ruleUpdates,
            Detection detection) {
        if (detection.detectors().isEmpty()) {
            throw new IllegalArgumentException("no detector; known: " + Detectors.NAMES);
        }
        DetectorInputs inputs = new DetectorInputs(events, ruleUpdates.broadcast(RulesAwareFunction.RULES),
                detection.rules(), detection.registry(), detection.watchFrom());
        DataStream<Alert> raised = DetectorInputs.union(
                detection.detectors().stream().map(spec -> inputs.alertsOf(spec.name())).toList());
        return raised.keyBy(AlertSuppressor.KEY, Types.STRING)
                .connect(inputs.ruleUpdates())
                .process(new AlertSuppressor(detection.rules(), Detectors.recovering()))
                .uid(OperatorIds.SUPPRESS_ALERTS)
                .name("Suppress repeated alerts within cool-down");
    }

    /** As {@link #detect(DataStream, DataStream, Detection)}, with the starting rules and no updates (tests, benchmarks). */
    public static DataStream<Alert> detect(DataStream<GridEvent> events, Detection detection) {
        return detect(events, startingRules(events.getExecutionEnvironment(), detection.rules()), detection);
    }

    private static DataStream<Rules> startingRules(StreamExecutionEnvironment env, Rules rules) {
        return env.fromData(List.of(rules), TypeInformation.of(Rules.class)).name("Starting rules");
    }

    /**
     * Each event id once, keyed by grid, with duplicates on {@link DeadLetter#REJECTED}. A grid's events leave on one
     * channel, in the order they came.
     */
    public static SingleOutputStreamOperator<Arrival> deduplicate(DataStream<Arrival> arrivals, Duration window) {
        return arrivals.keyBy(arrival -> arrival.event().gridId(), Types.STRING)
                .process(new DropDuplicates(window), TypeInformation.of(Arrival.class))
                .uid(OperatorIds.DROP_DUPLICATES)
                .name("Drop duplicate event ids");
    }

    /** Marks the alerts a silence covers; they are indexed and published like the others, and not sent. */
    private static DataStream<Alert> silence(DataStream<Alert> alerts, DataStream<Silence> silences) {
        return alerts.connect(silences.broadcast(ApplySilences.SILENCES))
                .process(new ApplySilences(), TypeInformation.of(Alert.class))
                .uid(OperatorIds.APPLY_SILENCES)
                .name("Mark silenced alerts");
    }

    /** Per grid and day: complaints by category and severity, alerts by detector, patrols, response times. */
    private static DataStream<GridDay> rollup(DataStream<GridEvent> events, DataStream<Alert> alerts) {
        return events.keyBy(GridEvent::gridId, Types.STRING)
                .connect(alerts.keyBy(Alert::gridId, Types.STRING))
                .process(new DailyRollup(), TypeInformation.of(GridDay.class))
                .uid(OperatorIds.DAILY_ROLLUP)
                .name("Daily rollup per grid");
    }

    /** Each complaint's case, keyed like {@code overdue_response}, its deadline under the rules in force. */
    private static DataStream<ComplaintCase> cases(DataStream<GridEvent> events, DataStream<Rules> ruleUpdates,
            Detection detection) {
        return events.filter(OverdueResponseDetector::isInput).name("Complaints and answers")
                .keyBy(OverdueResponseDetector.KEY, Types.STRING)
                .connect(ruleUpdates.broadcast(RulesAwareFunction.RULES))
                .process(new ComplaintCases(detection.rules(), detection.registry()),
                        TypeInformation.of(ComplaintCase.class))
                .uid(OperatorIds.COMPLAINT_CASES)
                .name("Complaint cases");
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
}
