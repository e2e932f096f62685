package dev.shoplab.monolith.order.application;

/** The answer to a placement: the order, and whether it is the replay of an earlier request with the same key. */
public record PlacedOrder(OrderView order, boolean replayed) {
}
