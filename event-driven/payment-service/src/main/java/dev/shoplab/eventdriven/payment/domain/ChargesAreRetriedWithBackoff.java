package dev.shoplab.eventdriven.payment.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Bounded retries with exponential backoff and jitter: after the n-th failed attempt wait
 * {@code min(initial * 2^(n-1), max)}, drawn from its upper half so that a crowd of payments that failed
 * together (a PSP outage) does not come back in lockstep; after {@code maxAttempts} failures, stop.
 */
public record ChargesAreRetriedWithBackoff(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public ChargesAreRetriedWithBackoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The wait before the next attempt after {@code failedAttempts} failures, or empty when the bound is reached. */
    public Optional<Duration> delayAfter(int failedAttempts, DoubleSupplier random) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        long ceiling = initialBackoff.toMillis();
        for (int i = 1; i < failedAttempts && ceiling < maxBackoff.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toMillis());
        long half = ceiling / 2;
        return Optional.of(Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half))));
    }

    /** The longest the retries of one payment can take in waits alone (the bound a customer may wait). */
    public Duration worstCaseWait() {
        Duration total = Duration.ZERO;
        for (int n = 1; n < maxAttempts; n++) {
            total = total.plus(delayAfter(n, () -> 1.0).orElseThrow());
        }
        return total;
    }
}
