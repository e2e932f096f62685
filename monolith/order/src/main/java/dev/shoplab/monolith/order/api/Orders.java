package dev.shoplab.monolith.order.api;

import java.util.Optional;
import java.util.UUID;

/**
 * The order context's public face: placing an order (reserve stock, charge, confirm, notify) and
 * reading one back.
 */
public interface Orders {

    /** The database schema this context owns; no other context reads or writes it. */
    String SCHEMA = "orders";

    /**
     * Places an order and returns it concluded (CONFIRMED, REJECTED or FAILED). With an idempotency
     * key, a repeated request returns the first order instead of placing another one.
     *
     * @param idempotencyKey the client's key, or null
     * @throws UnknownSkus when a line names a sku the catalogue does not have (nothing is written)
     * @throws IdempotencyKeyReused when the key was first used for a different request
     */
    PlacedOrder place(PlaceOrder command, String idempotencyKey);

    /** The order with this id, if there is one. */
    Optional<OrderView> find(UUID orderId);
}
