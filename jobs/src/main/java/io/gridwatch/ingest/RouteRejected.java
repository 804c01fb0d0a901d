package io.gridwatch.ingest;

import io.gridwatch.common.codec.RejectReason;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.job.StreamTags;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Input: {@link Ingested} records from the source. Output: the valid {@link GridEvent}s; dead letters go to the
 * {@link StreamTags#REJECTED} side output and are counted per reason in the metric
 * {@code gridwatch.rejected.<reason>}. Stateless, and chained to the source.
 */
public final class RouteRejected extends ProcessFunction<Ingested, GridEvent> {

    private static final long serialVersionUID = 1L;

    private transient Map<RejectReason, Counter> rejected;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("gridwatch").addGroup("rejected");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, group.counter(reason.code()));
        }
    }

    @Override
    public void processElement(Ingested ingested, Context ctx, Collector<GridEvent> out) {
        if (ingested.event() != null) {
            out.collect(ingested.event());
        } else {
            rejected.get(ingested.deadLetter().rejection().reason()).inc();
            ctx.output(StreamTags.REJECTED, ingested.deadLetter());
        }
    }
}
