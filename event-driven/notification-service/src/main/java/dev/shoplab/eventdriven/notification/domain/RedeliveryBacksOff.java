package dev.shoplab.eventdriven.notification.domain;

import java.time.Duration;

/**
 * When to try a mail again: a notification is never given up on (the audit counts a missing one as a
 * defect), so retries go on at a pace that doubles from {@code first} up to {@code ceiling}.
 */
public record RedeliveryBacksOff(Duration first, Duration ceiling) {

    /** The wait after {@code failedAttempts} failures in a row. */
    public Duration delayAfter(int failedAttempts) {
        long delay = first.toMillis();
        for (int i = 1; i < failedAttempts && delay < ceiling.toMillis(); i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, ceiling.toMillis()));
    }
}
