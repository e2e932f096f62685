package dev.shoplab.simulators.provider;

import dev.shoplab.simulators.http.JsonRequest;
import java.util.random.RandomGenerator;

/**
 * The faults one provider injects, changeable at run time through the admin API.
 *
 * <ul>
 *   <li><b>latency</b>: every request waits {@code latencyMs} plus a uniform random number of
 *       milliseconds in [0, {@code jitterMs}] before it is handled; the wait is a Vert.x timer, so
 *       the event loop never blocks.</li>
 *   <li><b>errorRate</b>: that fraction of requests is answered {@code 503} problem and nothing is
 *       processed.</li>
 *   <li><b>timeoutRate</b>: that fraction of requests is processed (the charge captured, the
 *       message recorded) but never answered: the connection stays open until the client gives up
 *       or the hang limit passes, then it is closed. This is the lost answer that forces a client
 *       to reconcile.</li>
 *   <li><b>down</b>: the provider's listening socket is closed, so its port refuses connections;
 *       lifting it listens again on the same port.</li>
 * </ul>
 *
 * One uniform draw per request decides its fate: below {@code errorRate} it fails, below
 * {@code errorRate + timeoutRate} it is held, otherwise it is answered; so the two rates are exact
 * fractions and must add up to at most 1. Faults apply to every endpoint of the provider.
 */
public record FaultSettings(long latencyMs, long jitterMs, double errorRate, double timeoutRate, boolean down) {

    /** No fault at all: the provider answers at once. */
    public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, false);

    /** Largest latency or jitter accepted (10 minutes). */
    public static final long MAX_DELAY_MS = 600_000;

    /** What happens to one request once its latency has passed. */
    public enum Fate {
        /** Handled and answered. */
        ANSWER,
        /** Answered 503 without being handled. */
        FAIL,
        /** Handled, never answered. */
        HOLD
    }

    /** Settings from an admin request body; every field optional, default 0 / false. */
    public static FaultSettings from(JsonRequest request) {
        long latency = request.boundedLong("latencyMs", MAX_DELAY_MS, 0);
        long jitter = request.boundedLong("jitterMs", MAX_DELAY_MS, 0);
        double errorRate = request.fraction("errorRate", 0);
        double timeoutRate = request.fraction("timeoutRate", 0);
        if (errorRate + timeoutRate > 1) {
            throw JsonRequest.invalid("errorRate + timeoutRate must be at most 1, got "
                    + errorRate + " + " + timeoutRate);
        }
        return new FaultSettings(latency, jitter, errorRate, timeoutRate, request.bool("down", false));
    }

    /** How long a request waits before it is handled: latencyMs + uniform [0, jitterMs]. */
    public long delayMs(RandomGenerator random) {
        return latencyMs + (jitterMs == 0 ? 0 : random.nextLong(jitterMs + 1));
    }

    /** The fate of a request, given a uniform draw in [0, 1). */
    public Fate fate(double draw) {
        if (draw < errorRate) {
            return Fate.FAIL;
        }
        if (draw < errorRate + timeoutRate) {
            return Fate.HOLD;
        }
        return Fate.ANSWER;
    }
}
