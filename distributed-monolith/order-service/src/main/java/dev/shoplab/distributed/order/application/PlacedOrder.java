package dev.shoplab.distributed.order.application;

import dev.shoplab.distributed.order.persistence.OrderRow;

/** An order as {@code POST /api/orders} answers it, and whether it was placed by an earlier request with the same key. */
public record PlacedOrder(OrderRow order, boolean replayed) {
}
