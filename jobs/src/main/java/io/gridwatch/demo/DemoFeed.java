package io.gridwatch.demo;

import io.gridwatch.common.event.Category;
import io.gridwatch.common.event.Channel;
import io.gridwatch.common.event.Complainant;
import io.gridwatch.common.event.Complaint;
import io.gridwatch.common.event.GridEvent;
import io.gridwatch.common.event.Patrol;
import io.gridwatch.common.event.PatrolKind;
import io.gridwatch.common.event.Subject;
import io.gridwatch.common.grid.Grid;
import io.gridwatch.common.grid.GridRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The demo's input: one generated week of the sample registry's grids, deterministic by seed, ending at
 * {@code now}. Routine patrols and followed-up public-service complaints in every grid; a neighbour dispute in
 * 幸福里第一网格 raised three times, more severe each time; wage arrears at a site in 城南村第一网格, three complaints
 * rising to urgent; and an urgent safety hazard in 和平社区第一网格 that nobody follows up. A fuller city simulator is
 * planned (issue 6).
 */
public final class DemoFeed {

    private static final Category[] ROUTINE = {Category.NOISE, Category.SANITATION, Category.ILLEGAL_CONSTRUCTION};

    private final GridRegistry registry;
    private final Instant now;
    private final Random random;
    private int sequence;

    public DemoFeed(GridRegistry registry, Instant now, long seed) {
        this.registry = registry;
        this.now = now;
        this.random = new Random(seed);
    }

    /** Seven days of events, in event-time order. */
    public List<GridEvent> history() {
        List<GridEvent> events = new ArrayList<>();
        Instant start = now.minus(Duration.ofDays(7));
        for (int day = 0; day < 7; day++) {
            Instant morning = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(1));
            for (Grid grid : registry.grids()) {
                events.add(patrol(grid.gridId(), morning.plus(minutes(120)), PatrolKind.VISIT, null));
                for (int i = random.nextInt(3); i > 0; i--) {
                    Category category = ROUTINE[random.nextInt(ROUTINE.length)];
                    Complaint complaint = complaint(grid.gridId(), morning.plus(minutes(600)), category,
                            1 + random.nextInt(2), new Subject("公共区域" + (1 + random.nextInt(20)) + "号", "PUBLIC"),
                            "群众反映" + category.label());
                    events.add(complaint);
                    // Routine complaints are followed up within hours, well inside their SLA.
                    events.add(patrol(grid.gridId(), complaint.occurredAt().plus(minutes(300)).plus(Duration.ofMinutes(30)),
                            PatrolKind.FOLLOWUP, complaint.eventId()));
                }
            }
        }
        Subject leak = new Subject("幸福里小区3栋502", "P-1001");
        events.add(complaint("G-XF-01-01", start.plus(Duration.ofHours(30)), Category.NEIGHBOR_DISPUTE, 2, leak, "楼上漏水，协商未果"));
        events.add(complaint("G-XF-01-01", start.plus(Duration.ofHours(75)), Category.NEIGHBOR_DISPUTE, 2, leak, "漏水仍未处理，双方争吵"));
        events.add(complaint("G-XF-01-01", start.plus(Duration.ofHours(122)), Category.NEIGHBOR_DISPUTE, 3, leak, "双方发生推搡，情绪激动"));
        Subject site = new Subject("城南村物流园工地", "P-3001");
        events.add(complaint("G-CN-01-01", start.plus(Duration.ofHours(50)), Category.WAGE_ARREARS, 2, site, "工人反映两个月工资未发"));
        events.add(complaint("G-CN-01-01", start.plus(Duration.ofHours(98)), Category.WAGE_ARREARS, 3, site, "十余名工人聚集讨薪"));
        events.add(complaint("G-CN-01-01", start.plus(Duration.ofHours(140)), Category.WAGE_ARREARS, 4, site, "工人扬言堵路讨薪"));
        // An urgent hazard nobody follows up: overdue two hours later.
        events.add(complaint("G-XF-02-01", now.minus(Duration.ofHours(30)), Category.SAFETY_HAZARD, 4,
                new Subject("和平社区5栋地下车库", "PUBLIC"), "地下车库电动车违规充电，线路冒烟"));
        events.sort(Comparator.comparing(GridEvent::occurredAt));
        return events;
    }

    /** A routine patrol at {@code at}, so that event time keeps moving while the demo runs. */
    public Patrol heartbeat(String gridId, Instant at) {
        return patrol(gridId, at, PatrolKind.INSPECTION, null);
    }

    /** Records that are not valid events, to show the dead-letter topic at work. */
    public static List<byte[]> badRecords() {
        return List.of(
                "{\"eventId\": \"broken".getBytes(StandardCharsets.UTF_8),
                ("{\"eventId\":\"DEMO-BAD-2\",\"type\":\"complaint\",\"gridId\":\"G-NOWHERE\","
                                + "\"occurredAt\":\"2026-03-02T09:30:00+08:00\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private Duration minutes(int bound) {
        return Duration.ofMinutes(random.nextInt(bound));
    }

    private Complaint complaint(String gridId, Instant at, Category category, int severity, Subject subject, String text) {
        return new Complaint("DEMO-C-" + (++sequence), gridId, at, at.plus(Duration.ofMinutes(5)),
                Channel.HOTLINE_12345, category, severity, subject, text, null,
                new Complainant("张" + "伟芳明".charAt(random.nextInt(3)), "138" + (10_000_000 + random.nextInt(89_999_999))));
    }

    private Patrol patrol(String gridId, Instant at, PatrolKind kind, String refEventId) {
        return new Patrol("DEMO-P-" + (++sequence), gridId, "W-" + gridId, at, kind, refEventId, List.of(), null);
    }
}
