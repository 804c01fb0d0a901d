package io.gridwatch.testing;

import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.SUBJECT_1;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertId;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.GeoPoint;
import java.time.Instant;
import java.util.List;

/** Alerts as the detectors must raise them, written out field by field, for tests to compare whole documents. */
public final class ExpectedAlerts {

    private ExpectedAlerts() {}

    /** The repeated-dispute alert about {@code SUBJECT_1} in {@code GRID_A} of the sample registry. */
    public static Alert repeatedDisputeInGridA(
            AlertLevel level, int maxSeverity, Instant first, Instant last, List<String> eventIds) {
        return new Alert(
                AlertId.of("repeated_dispute", GRID_A, SUBJECT_1.key(), eventIds),
                "repeated_dispute",
                level,
                GRID_A,
                "幸福里第一网格",
                "幸福里社区",
                "东湖街道",
                "滨江区",
                SUBJECT_1.key(),
                first,
                last,
                eventIds.size(),
                eventIds,
                "【" + level.label() + "预警·矛盾纠纷反复】东湖街道/幸福里社区/幸福里第一网格：幸福里小区3栋502的邻里纠纷自"
                        + CityTime.inMessages(first) + "至" + CityTime.inMessages(last) + "被反映" + eventIds.size()
                        + "次（最高严重程度" + maxSeverity + "级），请网格长王建国组织上门化解，防止矛盾升级。",
                last,
                new GeoPoint(30.2085, 120.2101));
    }
}
