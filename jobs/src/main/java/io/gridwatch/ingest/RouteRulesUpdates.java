package io.gridwatch.ingest;

import static io.gridwatch.job.StateAndSideOutputs.REJECTED;

import io.gridwatch.common.rules.Rules;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: updates from the rules topic. Output: valid rules, to be broadcast to the detectors; invalid ones go to the
 * {@code REJECTED} side output, are counted in {@code gridwatch.rules.rejected} and logged, and change nothing.
 */
public final class RouteRulesUpdates extends ProcessFunction<RulesUpdate, Rules> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RouteRulesUpdates.class);

    private transient Counter rejected;
    private transient Counter accepted;

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("rules").counter("rejected");
        accepted = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("rules").counter("accepted");
    }

    @Override
    public void processElement(RulesUpdate update, Context ctx, Collector<Rules> out) {
        if (update.rules() != null) {
            accepted.inc();
            LOG.info("New rules received; they apply to the detectors that reload rules while running");
            out.collect(update.rules());
        } else {
            rejected.inc();
            LOG.warn("Rules update rejected, the rules in force stay: {}", update.deadLetter().rejection());
            ctx.output(REJECTED, update.deadLetter());
        }
    }
}
