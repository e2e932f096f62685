package dev.shoplab.mesh.proxy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Envoy's fully jittered exponential retry back-off: retry N waits a random time in
 * [0, (2^N - 1) x base), capped at ten times the base (25 ms base: 0-24 ms, 0-74 ms, 0-174 ms, then 0-249 ms).
 */
final class RetryBackoff {

    private RetryBackoff() {
    }

    /** The upper bound (exclusive) of the wait before retry number {@code retry} (1-based), in milliseconds. */
    static long boundMillis(int retry, Duration base) {
        long baseMs = Math.max(1, base.toMillis());
        long cap = baseMs * 10;
        long factor = (1L << Math.min(retry, 20)) - 1;
        return Math.min(factor * baseMs, cap);
    }

    /** A random wait before retry number {@code retry}, in milliseconds. */
    static long delayMillis(int retry, Duration base, RandomGenerator random) {
        return random.nextLong(boundMillis(retry, base));
    }
}
