package io.gridwatch.demo;

import io.gridwatch.common.time.CityTime;
import io.gridwatch.common.alert.Alert;
import io.gridwatch.common.alert.AlertLevel;
import io.gridwatch.notify.AlertNotices;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's one-screen summary: feed progress and events per second, alerts by detector and level, the latest
 * alerts in Chinese, and what to try. On a terminal it is redrawn in place; elsewhere (a log, CI) a status line is
 * printed every few seconds and the full summary once at the end, so nothing scrolls endlessly.
 */
final class DemoScreen {

    private static final int LATEST = 6;
    private static final int WIDTH = 110;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(CityTime.ZONE);
    private static final long STATUS_EVERY_MILLIS = 10_000;

    private final PrintStream out;
    private final boolean terminal;
    private final List<String> header;
    private final List<String> footer;
    private final Map<String, Map<AlertLevel, Integer>> counts = new TreeMap<>();
    private final Deque<Alert> latest = new ArrayDeque<>();
    private int linesDrawn;
    private long lastStatus;
    private String status = "";

    DemoScreen(PrintStream out, boolean terminal, List<String> header, List<String> footer) {
        this.out = out;
        this.terminal = terminal;
        this.header = header;
        this.footer = footer;
    }

    void add(List<Alert> alerts) {
        for (Alert alert : alerts) {
            counts.computeIfAbsent(alert.detector(), d -> new EnumMap<>(AlertLevel.class)).merge(alert.level(), 1, Integer::sum);
            latest.addFirst(alert);
            while (latest.size() > LATEST) {
                latest.removeLast();
            }
        }
    }

    int alertCount() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** Shows the current state: {@code status} is one line of feed progress. */
    void show(String status) {
        this.status = status;
        if (terminal) {
            List<String> lines = render();
            if (linesDrawn > 0) {
                out.print("\033[" + linesDrawn + "F\033[J"); // back to the panel's first line, clear below
            }
            lines.forEach(out::println);
            linesDrawn = lines.size();
            out.flush();
        } else if (System.currentTimeMillis() - lastStatus >= STATUS_EVERY_MILLIS) {
            lastStatus = System.currentTimeMillis();
            out.println(status + " · " + alertCount() + " alerts");
        }
    }

    /** The full summary, once, at the end (the terminal already shows it). */
    void showFinal(String status) {
        this.status = status;
        if (terminal) {
            show(status);
        } else {
            render().forEach(out::println);
        }
    }

    private List<String> render() {
        List<String> lines = new ArrayList<>(header);
        lines.add(status);
        lines.add("");
        lines.add(pad("预警 alerts (" + alertCount() + ")", 44) + String.format("%5s %5s %5s", "黄Y", "橙O", "红R"));
        counts.forEach((detector, byLevel) -> lines.add(pad(AlertNotices.plainName(detector) + " " + detector, 44)
                + String.format("%5d %5d %5d", byLevel.getOrDefault(AlertLevel.YELLOW, 0),
                        byLevel.getOrDefault(AlertLevel.ORANGE, 0), byLevel.getOrDefault(AlertLevel.RED, 0))));
        lines.add("");
        lines.add("最新预警 latest:");
        for (Alert alert : latest) {
            lines.add(fit("  " + TIME.format(alert.createdAt()) + " " + alert.message()));
        }
        for (int i = latest.size(); i < LATEST; i++) {
            lines.add("");
        }
        lines.addAll(footer);
        return lines;
    }

    /** {@code text} padded with spaces to {@code columns} screen columns. */
    private static String pad(String text, int columns) {
        return text + " ".repeat(Math.max(1, columns - width(text)));
    }

    private static int width(String text) {
        return text.chars().map(c -> c > 0x2E80 ? 2 : 1).sum();
    }

    /** One screen line: cut at {@link #WIDTH} columns, counting CJK characters as two. */
    private static String fit(String text) {
        StringBuilder line = new StringBuilder();
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            width += c > 0x2E80 ? 2 : 1;
            if (width > WIDTH - 1) {
                return line.append('…').toString();
            }
            line.append(c);
        }
        return line.toString();
    }
}
