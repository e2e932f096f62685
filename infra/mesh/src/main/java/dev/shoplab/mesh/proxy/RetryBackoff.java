package dev.shoplab.mesh.proxy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Envoy's fully jittered exponential retry back-off as its code runs it ({@code JitteredExponentialBackOffStrategy}
 * in {@code source/common/common/backoff_strategy.cc}): retry N waits a random time in [0, base x 2^(N-1)), the
 * bound capped at ten times the base, Envoy's default maximum (25 ms base: 0-24, 0-49, 0-99, 0-199, then 0-249 ms).
 * Envoy's router documentation still gives the ranges of its earlier strategy (0-24, 0-74, 0-174 ms).
 */
final class RetryBackoff {

    private RetryBackoff() {
    }

    /** The upper bound (exclusive) of the wait before retry number {@code retry} (1-based), in milliseconds. */
    static long boundMillis(int retry, Duration base) {
        long baseMs = Math.max(1, base.toMillis());
        long cap = baseMs * 10;
        long bound = baseMs << Math.min(Math.max(retry, 1) - 1, 20);
        return Math.min(bound, cap);
    }

    /** A random wait before retry number {@code retry}, in milliseconds. */
    static long delayMillis(int retry, Duration base, RandomGenerator random) {
        return random.nextLong(boundMillis(retry, base));
    }
}
