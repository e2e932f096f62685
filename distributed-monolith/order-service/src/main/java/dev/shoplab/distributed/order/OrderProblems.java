package dev.shoplab.distributed.order;

import dev.shoplab.distributed.kit.Problem;
import dev.shoplab.distributed.kit.Problems;

/** The problems only the edge answers with (the shared ones are in the service kit's {@link Problems}). */
public final class OrderProblems {

    private OrderProblems() {
    }

    /** 409: an Idempotency-Key came back with another request. */
    public static Problem idempotencyKeyReused(String key, Object firstOrderId) {
        return Problem.of("idempotency-key-reused", "Idempotency key reused", 409, "the Idempotency-Key " + key
                + " was used for another request (order " + firstOrderId + "); repeat the same request to get the same"
                + " order, or use a new key for a new order");
    }

    public static Problem orderNotFound(String id) {
        return Problem.of("order-not-found", "Order not found", 404, "there is no order " + id);
    }

    public static Problem skuNotFound(String sku) {
        return Problem.of("sku-not-found", "Sku not found", 404, "the catalogue has no sku " + sku);
    }

    /** 503: a service the edge needs before anything is written did not answer; nothing was written. */
    public static Problem serviceUnavailable(String service, String what) {
        return Problems.unavailable(service + " did not answer (" + what + "); nothing was written: repeat the"
                + " request, with the same Idempotency-Key, shortly");
    }
}
