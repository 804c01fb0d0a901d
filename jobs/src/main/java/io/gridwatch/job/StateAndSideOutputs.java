package io.gridwatch.job;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.detect.hotspot.HotGrid;
import io.gridwatch.detect.hotspot.HotspotEntry;
import io.gridwatch.detect.hotspot.Rhythm;
import io.gridwatch.ingest.DeadLetter;
import io.gridwatch.common.alert.Silence;
import io.gridwatch.notify.Dispatch;
import io.gridwatch.notify.Escalation;
import io.gridwatch.notify.FailedNotice;
import io.gridwatch.notify.NoticeProgress;
import io.gridwatch.notify.RateWindow;
import io.gridwatch.rollup.DayTally;
import java.time.Duration;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import java.util.List;
import org.apache.flink.util.OutputTag;

/**
 * The side outputs and keyed-state descriptors of the GridWatch jobs, shared by the functions that use them, the
 * job wiring and the tests. State names are part of savepoints: never rename one without a migration.
 */
public final class StateAndSideOutputs {

    private StateAndSideOutputs() {}

    /** Records that are not valid events, on their way to the dead-letter topic. */
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};

    /**
     * Broadcast state: the rules in force, under {@link #CURRENT_RULES}, as last received on the rules topic. Absent
     * until the first update: detectors then use the rules the job started with.
     */
    public static final MapStateDescriptor<String, Rules> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rules.class));

    /** The one key of {@link #RULES}. */
    public static final String CURRENT_RULES = "current";

    /**
     * Deduplication: the event ids seen in the grid, each kept for {@code window} of processing time (state TTL;
     * the only state without an event-time timer, since ids must be remembered however event time moves).
     */
    public static MapStateDescriptor<String, Boolean> seenEventIds(Duration window) {
        MapStateDescriptor<String, Boolean> seen = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
        seen.enableTimeToLive(StateTtlConfig.newBuilder(window)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return seen;
    }

    /** {@code patrol_gap}: event time of the latest patrol in the grid. */
    public static final ValueStateDescriptor<Long> LAST_PATROL = new ValueStateDescriptor<>("last-patrol", Types.LONG);

    /** {@code patrol_gap}: the time of the grid's pending deadline timer, so a new patrol can replace it. */
    public static final ValueStateDescriptor<Long> PATROL_DEADLINE =
            new ValueStateDescriptor<>("patrol-deadline", Types.LONG);

    /** {@code overdue_response}: the complaint whose answer is awaited. */
    public static final ValueStateDescriptor<Complaint> OPEN_COMPLAINT =
            new ValueStateDescriptor<>("open-complaint", Types.POJO(Complaint.class));

    /** {@code overdue_response}: the open complaint's deadline, the time of its timer. */
    public static final ValueStateDescriptor<Long> RESPONSE_DEADLINE =
            new ValueStateDescriptor<>("response-deadline", Types.LONG);

    /** {@code new_category}: complaints waiting for the watermark ({@link io.gridwatch.detect.EventTimeBuffer}). */
    public static final MapStateDescriptor<Long, List<Complaint>> PENDING_FIRSTS = new MapStateDescriptor<>(
            "pending-category-complaints", Types.LONG, Types.LIST(Types.POJO(Complaint.class)));

    /** {@code new_category}: when the look-back after the latest complaint of the category in the grid ends. */
    public static final ValueStateDescriptor<Long> CATEGORY_LOOKBACK_END =
            new ValueStateDescriptor<>("category-lookback-end", Types.LONG);

    /** {@code grid_hotspot}: the grid's learnt level, rhythm and over-dispersion. */
    public static final ValueStateDescriptor<Rhythm> RHYTHM =
            new ValueStateDescriptor<>("hotspot-rhythm", TypeInformation.of(Rhythm.class));

    /** {@code grid_hotspot}: the hotspot alert raised last and not yet recovered. */
    public static final ValueStateDescriptor<Alert> OPEN_HOTSPOT =
            new ValueStateDescriptor<>("open-hotspot", TypeInformation.of(Alert.class));

    /** {@code grid_hotspot}: complaints waiting for the watermark, by their event time. */
    public static final MapStateDescriptor<Long, List<HotspotEntry>> PENDING_COMPLAINTS = new MapStateDescriptor<>(
            "pending-complaints", Types.LONG, Types.LIST(TypeInformation.of(HotspotEntry.class)));

    /** {@code grid_hotspot}: when the open hotspot is checked for having cooled down. */
    public static final ValueStateDescriptor<Long> HOTSPOT_RECHECK = new ValueStateDescriptor<>("hotspot-recheck", Types.LONG);

    /** {@code grid_hotspot}: when the grid's state is dropped if no complaint comes. */
    public static final ValueStateDescriptor<Long> HOTSPOT_EXPIRY = new ValueStateDescriptor<>("hotspot-expiry", Types.LONG);

    /** {@code cluster_hotspot}: the street's grids that are hot now, by grid id. */
    public static final MapStateDescriptor<String, HotGrid> HOT_GRIDS =
            new MapStateDescriptor<>("hot-grids", Types.STRING, TypeInformation.of(HotGrid.class));

    /** {@code cluster_hotspot}: hotspot alerts and recoveries waiting for the watermark, by their event time. */
    public static final MapStateDescriptor<Long, List<Alert>> PENDING_HOTSPOTS = new MapStateDescriptor<>(
            "pending-hotspots", Types.LONG, Types.LIST(TypeInformation.of(Alert.class)));

    /** Daily rollup: the tally of each day of the grid still open for late events, by epoch day. */
    public static final MapStateDescriptor<Long, DayTally> DAY_TALLIES =
            new MapStateDescriptor<>("day-tallies", Types.LONG, TypeInformation.of(DayTally.class));

    /** Daily rollup: complaints of the grid not yet followed up, with their event time. */
    public static final MapStateDescriptor<String, Long> UNANSWERED_COMPLAINTS =
            new MapStateDescriptor<>("unanswered-complaints", Types.STRING, Types.LONG);

    /** Broadcast state: the silences in force (and recently ended), by silence id. */
    public static final MapStateDescriptor<String, Silence> SILENCES =
            new MapStateDescriptor<>("silences", Types.STRING, TypeInformation.of(Silence.class));

    /** Notification: who has been told of this alert, and the pending escalation. */
    public static final ValueStateDescriptor<NoticeProgress> NOTICE_PROGRESS =
            new ValueStateDescriptor<>("notice-progress", TypeInformation.of(NoticeProgress.class));

    /** Escalations of unacknowledged alerts, on their way to the alert history. */
    public static final OutputTag<Escalation> ESCALATIONS =
            new OutputTag<>("escalations", TypeInformation.of(Escalation.class));

    /** Delivery: the recipient's current rate-limit window. */
    public static final ValueStateDescriptor<RateWindow> RATE_WINDOW =
            new ValueStateDescriptor<>("rate-window", TypeInformation.of(RateWindow.class));

    /** Delivery: notices held back by the rate limit, for the digest at the end of the window. */
    public static final ListStateDescriptor<Dispatch> HELD_NOTICES =
            new ListStateDescriptor<>("held-notices", TypeInformation.of(Dispatch.class));

    /** Notices that could not be delivered after their retries, on their way to the dead-letter topic. */
    public static final OutputTag<FailedNotice> FAILED_NOTICES =
            new OutputTag<>("failed-notices", TypeInformation.of(FailedNotice.class));

    /** Suppression: the alert currently open for a detector and key, within its cool-down. */
    public static final ValueStateDescriptor<Alert> ACTIVE_ALERT =
            new ValueStateDescriptor<>("active-alert", TypeInformation.of(Alert.class));
}
