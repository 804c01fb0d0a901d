package io.gridwatch.notify;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.Silence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks alerts that a silence covers, so they are indexed and published marked, and not sent.
 *
 * <p>Input 1: alerts (not keyed). Input 2: silences from the silences topic, broadcast; the same id again replaces a
 * silence. Output: every alert, with {@link Alert#silence()} set when a silence covers its {@code createdAt}. State:
 * the silences by id, in broadcast state; a silence is dropped once a newer one starts {@link #KEEP_ENDED} after it
 * ended (decided by the silences' own times, so every parallel instance drops the same ones).
 */
public final class ApplySilences extends BroadcastProcessFunction<Alert, Silence, Alert> {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: the silences in force (and recently ended), by silence id. */
    public static final MapStateDescriptor<String, Silence> SILENCES =
            new MapStateDescriptor<>("silences", Types.STRING, TypeInformation.of(Silence.class));

    /** How long an ended silence is kept, for alerts of that period that arrive late or are replayed. */
    static final Duration KEEP_ENDED = Duration.ofDays(30);

    @Override
    public void processElement(Alert alert, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        for (Map.Entry<String, Silence> entry : ctx.getBroadcastState(SILENCES).immutableEntries()) {
            if (entry.getValue().covers(alert)) {
                out.collect(alert.silencedBy(entry.getValue()));
                return;
            }
        }
        out.collect(alert);
    }

    @Override
    public void processBroadcastElement(Silence silence, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, Silence> silences = ctx.getBroadcastState(SILENCES);
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, Silence> entry : silences.entries()) {
            if (entry.getValue().endedBy(silence.from().minus(KEEP_ENDED))) {
                ended.add(entry.getKey());
            }
        }
        for (String id : ended) {
            silences.remove(id);
        }
        silences.put(silence.id(), silence);
    }
}
