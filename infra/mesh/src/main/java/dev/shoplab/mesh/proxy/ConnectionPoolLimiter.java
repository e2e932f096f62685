package dev.shoplab.mesh.proxy;

import dev.shoplab.mesh.policy.ConnectionPoolPolicy;
import java.util.ArrayDeque;

/**
 * Envoy's circuit breakers for one destination: at most {@code maxConnections} tries in flight (HTTP/1.1
 * carries one request per connection), at most {@code http1MaxPendingRequests} waiting for one, the rest
 * refused at once (overflow). Also counts retries outstanding for {@code maxRetries}. Confined to the
 * destination's event loop.
 */
final class ConnectionPoolLimiter {

    /** What happened to a request asking for a connection. */
    enum Admission { GRANTED, QUEUED, OVERFLOW }

    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private volatile int active;
    private volatile int retries;
    private volatile int pendingCount;

    /** Asks for a slot: granted now, queued ({@code onGranted} runs later), or refused. */
    Admission acquire(ConnectionPoolPolicy policy, Runnable onGranted) {
        if (active < limit(policy)) {
            active++;
            return Admission.GRANTED;
        }
        if (pending.size() < policy.maxPendingRequests()) {
            pending.add(onGranted);
            pendingCount = pending.size();
            return Admission.QUEUED;
        }
        return Admission.OVERFLOW;
    }

    /** Gives a slot back and hands free slots to queued requests in arrival order. */
    void release(ConnectionPoolPolicy policy) {
        active--;
        drain(policy);
    }

    /** Hands free slots to queued requests (also after a policy change raised the limit). */
    void drain(ConnectionPoolPolicy policy) {
        while (!pending.isEmpty() && active < limit(policy)) {
            active++;
            Runnable next = pending.poll();
            pendingCount = pending.size();
            next.run();
        }
    }

    /** Removes a queued request (its route timed out or its client left); returns whether it was queued. */
    boolean cancel(Runnable onGranted) {
        boolean removed = pending.remove(onGranted);
        pendingCount = pending.size();
        return removed;
    }

    /** Counts a retry as outstanding if {@code maxRetries} allows it. */
    boolean tryStartRetry(ConnectionPoolPolicy policy) {
        if (retries >= policy.maxRetries()) {
            return false;
        }
        retries++;
        return true;
    }

    /** Ends an outstanding retry. */
    void endRetry() {
        retries--;
    }

    int active() {
        return active;
    }

    int pending() {
        return pendingCount;
    }

    private static int limit(ConnectionPoolPolicy policy) {
        return Math.min(policy.maxConnections(), policy.maxRequests());
    }
}
