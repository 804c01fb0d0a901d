package io.gridwatch.ingest;

import static io.gridwatch.ingest.DeadLetter.REJECTED;

import io.gridwatch.common.codec.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Input: {@link Ingested} records from the source, stamped with their {@link io.gridwatch.common.event.GridEvent#knownAt
 * known-at} time. Output: valid events as {@link Arrival}s, each stamped no earlier than just after the watermark, so
 * that no event is ever late for a detector. Dead letters go to the {@code REJECTED} side output, counted per reason
 * in {@code gridwatch.rejected.<reason>}.
 *
 * <p>Why re-stamp: a complaint pushed by an intake system in its ten-minute batch, or a visit synced by a patrol app
 * hours after it was made, is older than the watermark when it comes. Dropped from detection it would leave a
 * dispute unseen and a complaint answered in time reported as overdue. Stamped "now" (the watermark) it is detected
 * the moment it arrives; its own times — when it happened, when it was reported — still date what it proves (a
 * visit, an answer). Such events are marked late ({@link Arrival#late()}, the events index's {@code late}) and
 * counted in {@code gridwatch.late}. Stateless, and chained to the source, so its watermark is the sources' combined
 * one and which events are late does not depend on how fast the parallel paths after a shuffle happen to run.
 */
public final class RouteEvents extends AbstractStreamOperator<Arrival> implements OneInputStreamOperator<Ingested, Arrival> {

    private static final long serialVersionUID = 1L;

    private transient Map<RejectReason, Counter> rejected;
    private transient Counter late;
    private transient long watermark;

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        MetricGroup group = getMetricGroup().addGroup("gridwatch");
        MetricGroup rejectedGroup = group.addGroup("rejected");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, rejectedGroup.counter(reason.code()));
        }
        late = group.counter("late");
    }

    @Override
    public void processElement(StreamRecord<Ingested> record) {
        Ingested ingested = record.getValue();
        if (ingested.event() == null) {
            rejected.get(ingested.deadLetter().rejection().reason()).inc();
            output.collect(REJECTED, new StreamRecord<>(ingested.deadLetter(), record.getTimestamp()));
            return;
        }
        long stamped = record.getTimestamp();
        boolean behind = stamped <= watermark;
        if (behind) {
            late.inc();
            stamped = watermark + 1;
        }
        output.collect(new StreamRecord<>(new Arrival(ingested.event(), behind), stamped));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }
}
