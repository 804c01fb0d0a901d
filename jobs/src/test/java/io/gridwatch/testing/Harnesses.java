package io.gridwatch.testing;

import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.RulesAwareFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/** Operator harnesses for the keyed functions that take rules updates, driven by explicit watermarks. */
public final class Harnesses {

    private Harnesses() {}

    /**
     * An open harness keyed by {@code key}. Its rules input has no event time: its watermark is set to the end of time
     * once, so the event input's watermarks alone move the operator's clock, as in the job.
     */
    public static <IN, OUT> KeyedBroadcastOperatorTestHarness<String, IN, Rules, OUT> keyed(
            RulesAwareFunction<String, IN, OUT> function, KeySelector<IN, String> key) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, IN, Rules, OUT> harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        function, key, Types.STRING, RulesAwareFunction.RULES);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        return harness;
    }

    /** Entries of keyed state across all keys: zero once every key has cleaned up. */
    public static int keyedStateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
