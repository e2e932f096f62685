package dev.shoplab.eventdriven.order.domain;

/** Where an order stands: PENDING while its saga runs, then one of three terminal outcomes. */
public enum OrderStatus {
    /** Accepted at the edge; the saga is running. */
    PENDING,
    /** Paid and sold. */
    CONFIRMED,
    /** A business outcome: out of stock, or the payment was declined. */
    REJECTED,
    /** A technical outcome: a dependency failed past its retry bound; stock and money were put back. */
    FAILED;

    public boolean terminal() {
        return this != PENDING;
    }
}
