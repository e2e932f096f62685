package dev.shoplab.distributed.order.domain;

/** Where an order stands: PENDING while order-service calls the other services, then one of three ends. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    /** A business outcome: out of stock, or payment declined. */
    REJECTED,
    /** A technical outcome: a service did not answer as it should. */
    FAILED;

    public boolean terminal() {
        return this != PENDING;
    }

    /** The {@code kind} of the mail that tells the customer how the order ended. */
    public String notificationKind() {
        return switch (this) {
            case CONFIRMED -> "order-confirmed";
            case REJECTED -> "order-rejected";
            case FAILED -> "order-failed";
            case PENDING -> throw new IllegalStateException("a PENDING order has not ended: no mail yet");
        };
    }
}
