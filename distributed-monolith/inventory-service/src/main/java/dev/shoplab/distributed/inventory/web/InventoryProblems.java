package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.domain.StockMustNotGoNegative.Shortfall;
import dev.shoplab.edge.Problem;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The problems only inventory-service answers with. */
final class InventoryProblems {

    private InventoryProblems() {
    }

    /** 409: a sku lacks units; nothing was reserved. A business answer: the mesh does not retry a 4xx. */
    static Problem outOfStock(List<Shortfall> shortfalls) {
        return Problem.of("out-of-stock", "Out of stock", 409, "not enough units of "
                + shortfalls.stream().map(Shortfall::toString).collect(Collectors.joining(", ")));
    }

    static Problem reservationNotFound(UUID orderId) {
        return Problem.of("reservation-not-found", "Reservation not found", 404,
                "there is no reservation for order " + orderId);
    }

    static Problem reservationConflict(UUID orderId, String why) {
        return Problem.of("reservation-conflict", "Reservation conflict", 409, "reservation of order " + orderId
                + ": " + why);
    }
}
