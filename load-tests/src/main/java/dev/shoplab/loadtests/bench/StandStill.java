package dev.shoplab.loadtests.bench;

import java.time.Duration;

/**
 * Watches a count that should keep moving (orders still in progress, mails sent) and tells when it has stood
 * still longer than a bound: the drain's way to stop waiting for work nothing will finish. Not thread-safe.
 */
final class StandStill {

    private final long boundNanos;
    private long last = Long.MIN_VALUE;
    private long changedAtNanos;

    /** @param bound how long the count may stay the same; the first observation starts the clock */
    StandStill(Duration bound) {
        this.boundNanos = bound.toNanos();
    }

    /** Records the count seen at {@code nowNanos} ({@link System#nanoTime()}); true once it stood still too long. */
    boolean observe(long count, long nowNanos) {
        if (count != last) {
            last = count;
            changedAtNanos = nowNanos;
            return false;
        }
        return nowNanos - changedAtNanos > boundNanos;
    }
}
