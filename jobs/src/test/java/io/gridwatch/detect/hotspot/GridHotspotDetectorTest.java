package io.gridwatch.detect.hotspot;

import static io.gridwatch.common.testing.TestEvents.DAY_1;
import static io.gridwatch.common.testing.TestEvents.GRID_A;
import static io.gridwatch.common.testing.TestEvents.complaint;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.rules.GridHotspotRule;
import io.gridwatch.common.rules.Rules;
import io.gridwatch.common.time.CityTime;
import io.gridwatch.detect.WatchStarts;
import io.gridwatch.testing.Detection;
import io.gridwatch.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hotspot detector's state and timers, with the default rules: windows 1 h, 6 h and 24 h, a prior of 2 residents
 * a day, at least 5 complaints from 3 residents, 1 false alarm per 100 grid-weeks. The statistic itself: {@link
 * RhythmTest}.
 */
@Tag("harness")
class GridHotspotDetectorTest {

    private static final GridHotspotRule RULE = Detection.DEFAULT_RULES.gridHotspot().base();

    private KeyedBroadcastOperatorTestHarness<String, Complaint, Rules, Alert> harness;
    private int sequence;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new GridHotspotDetector(Detection.DEFAULT_RULES, Detection.REGISTRY), Complaint::gridId);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void alertsWhenFiveResidentsComplainWithinAnHourOfAQuietGrid() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(DAY_1.plus(Duration.ofMinutes(10L * i)), "1380000000" + i);
        }

        // Expected in an hour at the prior: 2/24 = 0.083 residents, known only as well as the prior's one resident an
        // hour says (relative variance 1, counted with the prior over-dispersion). The chance of 4 others around a
        // complaint, 2.1e-4, is below the threshold of a grid of 2 a day, 1 / 100 / (7 × 2) = 7.1e-4, but not ten
        // times below: yellow.
        Rhythm none = Rhythm.startingAt(DAY_1.toEpochMilli());
        long end = DAY_1.plus(Duration.ofMinutes(40)).toEpochMilli(), start = end - Duration.ofHours(1).toMillis();
        Rhythm.Window hour = none.window(start, end, CityTime.ZONE, RULE);
        double p = HotspotChance.of(5, hour.expected(), hour.overdispersion());
        assertThat(p).isLessThan(RULE.threshold(2)).isGreaterThan(RULE.threshold(2) / RULE.orangeFactor());
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo("grid_hotspot");
            assertThat(alert.level()).isEqualTo(AlertLevel.YELLOW);
            assertThat(alert.count()).isEqualTo(5);
            assertThat(alert.message()).startsWith(
                    "【黄色预警·网格热点】东湖街道/幸福里社区/幸福里第一网格：近1小时收到群众诉求5件（5人反映），远高于该网格平时水平（约0.1人");
        });
    }

    @Test
    void holdsHotspotsBackWhileLearningAndSendsThemOnceAHalfLifeIsWatched() throws Exception {
        // A fresh start on day 1: the grid's baseline is the prior, not yet what the grid is like.
        Complaint start = WatchStarts.complaints(GRID_A, Category.SAFETY_HAZARD, DAY_1);
        harness.processElement(start, DAY_1.toEpochMilli());
        for (int i = 0; i < 5; i++) {
            send(DAY_1.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10L * i)), "1380000000" + i);
        }
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(WatchStarts.isLearning(alert)).isTrue();
            assertThat(alert.silence().reason()).startsWith("学习期：自3月2日09:00开始监测");
        });

        Instant later = DAY_1.plus(RULE.baselineHalfLife()).plus(Duration.ofDays(1));
        for (int i = 0; i < 9; i++) {
            send(later.plus(Duration.ofMinutes(5L * i)), "1390000000" + i);
        }
        assertThat(harness.extractOutputValues()).last().satisfies(alert -> {
            assertThat(alert.silence()).as("sent once a half-life is watched").isNull();
            assertThat(alert.createdAt()).isAfter(later);
        });
    }

    @Test
    void staysQuietWhenOneResidentCallsTwentyFiveTimesAmidOrdinaryBackground() throws Exception {
        // Four other residents complain that day; one calls about the same noise 25 times in two hours.
        for (int i = 0; i < 4; i++) {
            send(DAY_1.plus(Duration.ofHours(2L * i)), "1370000000" + i);
        }
        for (int i = 0; i < 25; i++) {
            send(DAY_1.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(5L * i)), "13900000000");
        }

        assertThat(harness.extractOutputValues()).as("one resident's calls are a repeated matter").isEmpty();
    }

    @Test
    void alertsWhenEightResidentsComplainWithinAnHourAmidOrdinaryBackground() throws Exception {
        // The same day's background as above; then eight different residents within the hour.
        for (int i = 0; i < 4; i++) {
            send(DAY_1.plus(Duration.ofHours(2L * i)), "1370000000" + i);
        }
        for (int i = 0; i < 8; i++) {
            send(DAY_1.plus(Duration.ofHours(9)).plus(Duration.ofMinutes(7L * i)), "1390000000" + i);
        }

        // Red in the hour and in the six hours, which also hold two of the background: the longer window is told.
        assertThat(harness.extractOutputValues()).isNotEmpty().last().satisfies(alert -> {
            assertThat(alert.level()).isEqualTo(AlertLevel.RED);
            assertThat(alert.message()).contains("近6小时收到群众诉求10件（10人反映）");
        });
    }

    @Test
    void keepsResidentsAsKeyedHashesNotPhoneNumbersOrNames() {
        Complaint call = complaint("C-1").grid(GRID_A).complainant("王小明", "13912345678").build();
        Complaint again = complaint("C-2").grid(GRID_A).complainant("王小明", "13912345678").build();
        Complaint named = complaint("C-3").grid(GRID_A).complainant("王小明", null).build();

        assertThat(Residents.of(call)).doesNotContain("13912345678").doesNotContain("5678")
                .isEqualTo(Residents.of(again));
        assertThat(Residents.of(named)).startsWith("name:").doesNotContain("王小明");
    }

    @Test
    void countsAnonymousCallsAboutOneAddressViaOneChannelOnce() throws Exception {
        for (int i = 0; i < 8; i++) {
            Complaint anonymous = complaint("A-" + i).grid(GRID_A).at(DAY_1.plus(Duration.ofMinutes(5L * i)))
                    .category(Category.NOISE).build();
            harness.processElement(anonymous, anonymous.knownAt().toEpochMilli());
            harness.processWatermark(anonymous.knownAt().toEpochMilli());
        }

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void staysQuietBelowTheMinimumCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            send(DAY_1.plus(Duration.ofMinutes(i)), "1380000000" + i);
        }

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void staysQuietWhenOneResidentCallsAgainAndAgain() throws Exception {
        for (int i = 0; i < 10; i++) {
            send(DAY_1.plus(Duration.ofMinutes(i)), i % 5 == 0 ? "13900000001" : "13900000002");
        }

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void staysQuietWhenABusyGridHasItsUsualDay() throws Exception {
        // Three weeks of 12 complaints a day (one every two hours) teach the baseline; then a day of 14.
        Instant start = DAY_1;
        for (int hour = 0; hour < 21 * 24; hour += 2) {
            send(start.plus(Duration.ofHours(hour)), "1370000" + (hour % 1000));
        }
        // (While it learned, the jump from the prior's 2 a day to 12 was a hotspot, rightly.)
        int raisedWhileLearning = harness.extractOutputValues().size();
        Instant day = start.plus(Duration.ofDays(21));
        for (int i = 0; i < 14; i++) {
            send(day.plus(Duration.ofMinutes(100L * i)), "1360000" + i);
        }

        assertThat(harness.extractOutputValues()).hasSize(raisedWhileLearning);
    }

    @Test
    void marksTheHotspotRecoveredWhenTheGridCoolsDown() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(DAY_1.plus(Duration.ofMinutes(i)), "1380000000" + i);
        }
        Alert raised = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);

        harness.processWatermark(DAY_1.plus(Duration.ofMinutes(4)).plus(Duration.ofHours(1)).toEpochMilli());

        List<Alert> out = harness.extractOutputValues();
        assertThat(out.get(out.size() - 1)).satisfies(notice -> {
            assertThat(notice.alertId()).isEqualTo(raised.alertId());
            assertThat(notice.recoveredAt()).isEqualTo(DAY_1.plus(Duration.ofMinutes(4)).plus(Duration.ofHours(1)));
            assertThat(notice.message()).isEqualTo("【已恢复·网格热点】东湖街道/幸福里社区/幸福里第一网格：群众诉求量已回落至平时水平，黄色预警解除。");
        });
    }

    @Test
    void leavesNoStateOrTimersOnceTheGridHasBeenQuietForFourHalfLives() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(DAY_1.plus(Duration.ofMinutes(i)), "1380000000" + i);
        }

        harness.processWatermark(DAY_1.plus(Duration.ofMinutes(4)).plus(RULE.baselineHalfLife().multipliedBy(4)).toEpochMilli());

        assertThat(Harnesses.keyedStateEntries(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void takesAComplaintHeldAtTheInstantTheExpiryTimerIsReplaced() throws Exception {
        Duration expiry = RULE.baselineHalfLife().multipliedBy(4);
        send(DAY_1, "13800000001");
        // Arrives first, exactly at the grid's state expiry (its timer is the expiry's) ...
        Complaint atExpiry = complaint("C-held").grid(GRID_A).at(DAY_1.plus(expiry)).category(Category.NOISE).build();
        harness.processElement(atExpiry, DAY_1.plus(expiry).toEpochMilli());
        // ... then an earlier one moves the expiry on, and must not delete that timer with the old expiry.
        send(DAY_1.plus(Duration.ofDays(1)), "13800000002");

        harness.processWatermark(DAY_1.plus(expiry.multipliedBy(3)).toEpochMilli());

        assertThat(Harnesses.keyedStateEntries(harness)).as("the held complaint taken, then expired").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    @Timeout(60)
    void countsAMassIncidentExactlyAndListsOnlyTheLatestEvidence() throws Exception {
        // Three weeks of two residents a day, then 3,000 residents in a day, far past where the tail underflows:
        // constant work per complaint.
        Instant burst = DAY_1.plus(Duration.ofDays(21));
        for (int hour = 0; hour < 21 * 24; hour += 12) {
            send(DAY_1.plus(Duration.ofHours(hour)), "1370000" + hour);
        }
        int complaints = 3000;
        for (int i = 0; i < complaints; i++) {
            Complaint complaint = complaint("M-" + i).grid(GRID_A).at(burst.plusSeconds(20L * i))
                    .category(Category.NOISE).complainant("居民", String.format("139%08d", i)).build();
            harness.processElement(complaint, complaint.occurredAt().toEpochMilli());
        }
        harness.processWatermark(burst.plusSeconds(20L * complaints).toEpochMilli());

        // By then the rhythm has learnt some of the burst, so the hour is less extreme than the day (p = 0).
        Alert last = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(last.level()).isEqualTo(AlertLevel.RED);
        assertThat(last.count()).as("every complaint of the 24 h window, far more than it lists").isEqualTo(complaints);
        assertThat(last.message()).contains("近1天收到群众诉求3000件（3000人反映）");
        assertThat(last.eventIds()).hasSize(Alert.MAX_EVIDENCE_IDS).last().isEqualTo("M-" + (complaints - 1));
        assertThat(last.windowStart()).isEqualTo(burst);
    }

    @Test
    void slidesTheWindowsAsComplaintsLeaveThem() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(DAY_1.plus(Duration.ofMinutes(i)), "1380000000" + i);
        }
        // A day and six hours later, six more within the hour: no window holds the first five any more.
        for (int i = 0; i < 6; i++) {
            send(DAY_1.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(10 + i)), "1390000000" + i);
        }

        Alert last = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(last.windowStart()).isAfter(DAY_1.plus(Duration.ofDays(1)));
        assertThat(last.count()).isEqualTo(6);
        assertThat(last.eventIds()).containsExactly("C-6", "C-7", "C-8", "C-9", "C-10", "C-11");
    }

    private void send(Instant at, String phone) throws Exception {
        Complaint complaint = complaint("C-" + (++sequence)).grid(GRID_A).at(at).category(Category.NOISE)
                .complainant("居民", phone).build();
        harness.processElement(complaint, at.toEpochMilli());
        // The detector takes a complaint when the watermark passes it, as the job's watermark soon does.
        harness.processWatermark(at.toEpochMilli());
    }
}
