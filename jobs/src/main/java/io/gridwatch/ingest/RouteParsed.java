package io.gridwatch.ingest;

import static io.gridwatch.ingest.DeadLetter.REJECTED;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: parsed control records (rules, silences, lifecycle events). Output: the valid values; invalid records go to
 * the {@code REJECTED} side output, are counted in {@code gridwatch.<what>.rejected} and logged, and change nothing.
 * A record applied in part goes both ways, counted in {@code gridwatch.<what>.accepted-in-part} and logged with what
 * was not applied.
 */
public final class RouteParsed<T> extends ProcessFunction<Parsed<T>, T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RouteParsed.class);

    private final String what;
    private transient Counter rejected;
    private transient Counter accepted;
    private transient Counter acceptedInPart;

    /** @param what the kind of record, in metric names and log lines: {@code rules}, {@code silences} ... */
    public RouteParsed(String what) {
        this.what = what;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup(what);
        rejected = group.counter("rejected");
        accepted = group.counter("accepted");
        acceptedInPart = group.counter("accepted-in-part");
    }

    @Override
    public void processElement(Parsed<T> parsed, Context ctx, Collector<T> out) {
        if (parsed.value() != null && parsed.deadLetter() != null) {
            acceptedInPart.inc();
            LOG.warn("Accepted a record from the {} topic in part: {}", what, parsed.deadLetter().rejection());
            out.collect(parsed.value());
            ctx.output(REJECTED, parsed.deadLetter());
        } else if (parsed.value() != null) {
            accepted.inc();
            LOG.info("Accepted a record from the {} topic", what);
            out.collect(parsed.value());
        } else {
            rejected.inc();
            LOG.warn("Rejected from the {} topic, nothing changes: {}", what, parsed.deadLetter().rejection());
            ctx.output(REJECTED, parsed.deadLetter());
        }
    }
}
