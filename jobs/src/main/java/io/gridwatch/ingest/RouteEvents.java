package io.gridwatch.ingest;

import static io.gridwatch.job.StateAndSideOutputs.REJECTED;

import io.gridwatch.common.codec.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Input: {@link Ingested} records from the source. Output: valid events as {@link Arrival}s, marked late when older
 * than the watermark — too late to be placed in their windows — and counted in {@code gridwatch.late}. Dead letters
 * go to the {@code REJECTED} side output, counted per reason in {@code gridwatch.rejected.<reason>}. Stateless, and
 * chained to the source, so its watermark is the sources' combined one and lateness does not depend on how fast the
 * parallel paths after a shuffle happen to run.
 */
public final class RouteEvents extends ProcessFunction<Ingested, Arrival> {

    private static final long serialVersionUID = 1L;

    private transient Map<RejectReason, Counter> rejected;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("gridwatch");
        MetricGroup rejectedGroup = group.addGroup("rejected");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, rejectedGroup.counter(reason.code()));
        }
        late = group.counter("late");
    }

    @Override
    public void processElement(Ingested ingested, Context ctx, Collector<Arrival> out) {
        if (ingested.event() == null) {
            rejected.get(ingested.deadLetter().rejection().reason()).inc();
            ctx.output(REJECTED, ingested.deadLetter());
            return;
        }
        boolean behind = ingested.eventTimeMillis() <= ctx.timerService().currentWatermark();
        if (behind) {
            late.inc();
        }
        out.collect(new Arrival(ingested.event(), behind));
    }
}
