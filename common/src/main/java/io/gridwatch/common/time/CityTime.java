package io.gridwatch.common.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The city's clock: every Chinese city keeps Beijing time, so local days (a rollup's day, a rhythm's hour, a monthly
 * index) and the times in messages are China Standard Time, whatever the servers' zone.
 */
public final class CityTime {

    /** China Standard Time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter MESSAGE_TIME = DateTimeFormatter.ofPattern("M月d日HH:mm").withZone(ZONE);

    private CityTime() {}

    /** {@code 3月2日09:00}: a time as messages and pages show it. */
    public static String inMessages(Instant instant) {
        return MESSAGE_TIME.format(instant);
    }
}
