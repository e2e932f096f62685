package dev.shoplab.distributed.order.application;

import dev.shoplab.edge.Problem;
import dev.shoplab.edge.Problems;

/** The problems only the edge answers with (the shared ones are in the edge's {@link Problems}). */
public final class OrderProblems {

    private OrderProblems() {
    }

    /** 409: an Idempotency-Key came back with another request. */
    public static Problem idempotencyKeyReused(String key, Object firstOrderId) {
        return Problems.idempotencyKeyReused("the Idempotency-Key " + key + " was used for another request (order "
                + firstOrderId + ")");
    }

    /** 503: a service the edge needs before anything is written did not answer; nothing was written. */
    public static Problem serviceUnavailable(String service, String what) {
        return Problems.unavailable(service + " did not answer (" + what + "); nothing was written: repeat the"
                + " request, with the same Idempotency-Key, shortly");
    }
}
