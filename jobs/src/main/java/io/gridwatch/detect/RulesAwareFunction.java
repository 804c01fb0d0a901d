package io.gridwatch.detect;

import static io.gridwatch.job.StateAndSideOutputs.CURRENT_RULES;
import static io.gridwatch.job.StateAndSideOutputs.RULES;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.rules.Rules;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed detector (or suppressor) whose rules can change while the job runs: rules published on the rules topic
 * arrive as broadcast elements and replace the rules in force for every key at once; until the first one arrives,
 * the rules the job started with apply. Rules changes take effect from the next element or timer; state already
 * kept (a pending deadline, a baseline) is not recomputed.
 */
public abstract class RulesAwareFunction<K, IN> extends KeyedBroadcastProcessFunction<K, IN, Rules, Alert> {

    private static final long serialVersionUID = 1L;

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
    public final void processBroadcastElement(Rules rules, Context ctx, Collector<Alert> out) throws Exception {
        ctx.getBroadcastState(RULES).put(CURRENT_RULES, rules);
    }
}
