package dev.shoplab.monolith.order.application;

import java.util.UUID;

/** An idempotency key came back with a different request than the one it was first used for. */
public class IdempotencyKeyReused extends RuntimeException {

    private final String key;
    private final UUID firstOrderId;

    public IdempotencyKeyReused(String key, UUID firstOrderId) {
        super("idempotency key '" + key + "' was first used for a different request (order " + firstOrderId + ")",
                null, false, false);
        this.key = key;
        this.firstOrderId = firstOrderId;
    }

    public String key() {
        return key;
    }

    public UUID firstOrderId() {
        return firstOrderId;
    }
}
