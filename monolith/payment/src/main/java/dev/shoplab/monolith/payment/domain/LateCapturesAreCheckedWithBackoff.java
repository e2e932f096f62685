package dev.shoplab.monolith.payment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a charge's outcome stayed unknown, the shop asks the PSP again and again whether it was
 * captured after all (and then refunds it): first after a second, then twice as long each time up
 * to a minute, until the window since the charge closes — and past it while the PSP answers that it still holds the
 * charge ({@code 409 charge-in-progress}) or cannot be asked: only its {@code 404} after the window ends the asking
 * (ADR 0022).
 */
public final class LateCapturesAreCheckedWithBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(1);

    private LateCapturesAreCheckedWithBackoff() {
    }

    /** When to ask next, after {@code checksDone} checks. */
    public static Instant nextCheck(Instant now, int checksDone) {
        long seconds = FIRST.toSeconds() << Math.min(Math.max(checksDone, 0), 6);
        return now.plus(Duration.ofSeconds(Math.min(seconds, LONGEST.toSeconds())));
    }

    /** Whether the window has closed: a charge that has not shown up by then never will. */
    public static boolean windowClosed(Instant now, Instant checkUntil) {
        return !now.isBefore(checkUntil);
    }
}
