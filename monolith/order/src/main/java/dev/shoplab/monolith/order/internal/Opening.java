package dev.shoplab.monolith.order.internal;

import dev.shoplab.monolith.inventory.api.Demand;
import java.util.List;

/** What the first transaction of a placement came to. */
sealed interface Opening {

    /** The order is PENDING with its stock reserved: now charge it. */
    record Pending(OrderRecord order, List<Demand> demands) implements Opening {
    }

    /** The order ended before any payment (out of stock) and is recorded as REJECTED. */
    record RejectedUpFront(OrderRecord order) implements Opening {
    }

    /** Another order took the stock between the read and the reservation: nothing was written, record it REJECTED. */
    record ReservationLost(OrderRecord rejected) implements Opening {
    }

    /** The idempotency key was used before: answer with that first order. */
    record Repeat(OrderRecord first) implements Opening {
    }
}
