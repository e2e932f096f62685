package dev.shoplab.monolith.order.domain;

/** Where an order stands: PENDING while its payment is in flight, then one of the three terminal states. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    /** A business outcome: out of stock, or payment declined. */
    REJECTED,
    /** A technical outcome: a dependency failed; stock and money are left consistent all the same. */
    FAILED;

    public boolean terminal() {
        return this != PENDING;
    }
}
