package io.gridwatch.topology;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.grid.GridRegistry;
import io.gridwatch.common.rules.Rules;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;

/**
 * One detector as the topology wires it: the name alerts, rules and dashboards know it by (also its section of
 * {@code rules.yaml}), when it takes its rules, whether every alert it raises is followed by a recovery, and how its
 * operators are built from the topology's streams. {@link Detectors#ALL} lists them; adding a detector is its class and
 * one entry there.
 *
 * @param name the detector's name, which is also the section of {@code rules.yaml} it reads
 * @param rulesTaken whether rules published while the job runs reach it, or it keeps those it was built with
 * @param announcesRecovery whether it sends a recovery for every alert it raises (the suppressor then keeps the open
 *     alert until that recovery)
 * @param wiring builds its operators
 */
public record DetectorSpec(String name, RulesTaken rulesTaken, boolean announcesRecovery, Wiring wiring) {

    /** When a detector takes its rules. */
    public enum RulesTaken {
        /** Rules published on the rules topic apply at once ({@code RulesAwareFunction}). */
        WHILE_RUNNING,
        /** Compiled into the job when it is built (CEP patterns): a change takes a restart. */
        AT_START
    }

    /** Builds a detector's operators; a detector with one operator per rule variant returns each one's alerts. */
    @FunctionalInterface
    public interface Wiring {
        List<DataStream<Alert>> wire(DetectorInputs inputs);
    }

    /**
     * The usual detector: one keyed operator with its own uid, on {@code input}, taking rules published while the job
     * runs.
     */
    static <I> DetectorSpec keyed(String name, boolean announcesRecovery, String uid,
            Function<DetectorInputs, DataStream<I>> input, KeySelector<I, String> key,
            BiFunction<Rules, GridRegistry, KeyedBroadcastProcessFunction<String, I, Rules, Alert>> detector) {
        return new DetectorSpec(name, RulesTaken.WHILE_RUNNING, announcesRecovery, inputs -> List.of(
                input.apply(inputs)
                        .keyBy(key, Types.STRING)
                        .connect(inputs.ruleUpdates())
                        .process(detector.apply(inputs.rules(), inputs.registry()))
                        .uid(uid)
                        .name("Detect " + name)));
    }
}
