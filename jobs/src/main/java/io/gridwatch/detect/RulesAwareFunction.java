package io.gridwatch.detect;

import io.gridwatch.common.rules.Rules;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed detector (or the suppressor, or the complaint cases) whose rules can change while the job runs: rules
 * published on the rules topic arrive as broadcast elements and replace the rules in force for every key at once;
 * until the first one arrives, the rules the job started with apply. Rules changes take effect from the next element
 * or timer; state already kept (a pending deadline, a baseline) is not recomputed.
 */
public abstract class RulesAwareFunction<K, IN, OUT> extends KeyedBroadcastProcessFunction<K, IN, Rules, OUT> {

    private static final long serialVersionUID = 1L;

    /**
     * Broadcast state: the rules in force, under {@link #CURRENT_RULES}, as last received on the rules topic. Absent
     * until the first update: detectors then use the rules the job started with.
     */
    public static final MapStateDescriptor<String, Rules> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rules.class));

    /** The one key of {@link #RULES}. */
    public static final String CURRENT_RULES = "current";

    private final Rules initialRules;

    protected RulesAwareFunction(Rules initialRules) {
        this.initialRules = initialRules;
    }

    /** The rules in force. */
    protected final Rules rules(ReadOnlyContext ctx) throws Exception {
        Rules current = ctx.getBroadcastState(RULES).get(CURRENT_RULES);
        return current != null ? current : initialRules;
    }

    @Override
    public final void processBroadcastElement(Rules rules, Context ctx, Collector<OUT> out) throws Exception {
        ctx.getBroadcastState(RULES).put(CURRENT_RULES, rules);
    }
}
