package dev.shoplab.monolith.order.application;

import dev.shoplab.monolith.inventory.api.Demand;
import dev.shoplab.monolith.order.persistence.OrderRow;
import java.util.List;

/** What the first transaction of a placement came to. */
public sealed interface Opening {

    /** The order is PENDING with its stock reserved: now charge it. */
    public record Pending(OrderRow order, List<Demand> demands) implements Opening {
    }

    /** The order ended before any payment (out of stock) and is recorded as REJECTED. */
    public record RejectedUpFront(OrderRow order) implements Opening {
    }

    /** Another order took the stock between the read and the reservation: nothing was written, record it REJECTED. */
    public record ReservationLost(OrderRow rejected) implements Opening {
    }

    /** The idempotency key was used before: answer with that first order. */
    public record Repeat(OrderRow first) implements Opening {
    }
}
