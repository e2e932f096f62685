package dev.shoplab.lab.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A moment as the lab's console prints it: the local time of day to the second, {@code 12:42:00} (a {@code LocalTime}
 * prints {@code 12:42} on the minute, which lines up badly with the lines around it).
 */
public final class ClockTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private ClockTime() {
    }

    /** {@code moment} as {@code HH:mm:ss}, local time. */
    public static String of(Instant moment) {
        return FORMAT.format(moment);
    }

    /** Now, as {@code HH:mm:ss}, local time. */
    public static String now() {
        return of(Instant.now());
    }

    /**
     * Whole seconds from {@code now} until {@code moment}, rounded up as a countdown is (5 s ahead reads 5, not 4),
     * 0 once it has passed.
     */
    public static long secondsUntil(Instant moment, Instant now) {
        return Math.max(0, (Duration.between(now, moment).toMillis() + 999) / 1000);
    }
}
