package dev.shoplab.monolith.notification.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A message the mail provider did not take is tried again later, waiting twice as long after each
 * failed attempt (half a second first, half a minute at most), so that a provider outage is not
 * hammered but a short glitch costs little.
 */
public final class RedeliveryBacksOff {

    static final long FIRST_MS = 500;
    static final long LONGEST_MS = 30_000;

    private RedeliveryBacksOff() {
    }

    /** When to try again after {@code failedAttempts} failed attempts (at least one). */
    public static Instant nextAttempt(Instant now, int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 16);
        return now.plus(Duration.ofMillis(Math.min(FIRST_MS << doublings, LONGEST_MS)));
    }
}
