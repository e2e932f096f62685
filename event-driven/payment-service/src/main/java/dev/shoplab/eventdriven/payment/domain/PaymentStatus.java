package dev.shoplab.eventdriven.payment.domain;

/**
 * Where one order's payment stands. In a choreography payment needs two facts from two topics, the order's
 * amount and token (OrderPlaced) and the go-ahead (StockReserved), and they may arrive in either order:
 * whichever comes second starts the charge. StockReservationFailed cancels it before any money moves.
 */
public enum PaymentStatus {
    /** A row exists, nothing is known yet. */
    NEW,
    /** The order is known, its stock is not reserved yet. */
    AWAITING_STOCK,
    /** The stock is reserved, the order's amount and token have not arrived yet. */
    AWAITING_ORDER,
    /** Due to be charged (again). */
    CHARGING,
    /** Terminal: the PSP captured the amount. */
    CAPTURED,
    /** Terminal: the PSP declined. */
    DECLINED,
    /** Terminal: the PSP stayed unreachable past the retry bound and no capture can have happened. */
    GAVE_UP,
    /** Gave up after an attempt whose outcome is unknown: looking for a late capture to refund. */
    RECONCILING,
    /** Terminal: a late capture was refunded. */
    REFUNDED,
    /** Terminal: stock could not be reserved, so nothing was ever charged. */
    CANCELLED;

    /** OrderPlaced arrived. */
    public PaymentStatus onOrderPlaced() {
        return switch (this) {
            case NEW -> AWAITING_STOCK;
            case AWAITING_ORDER -> CHARGING;
            default -> this;
        };
    }

    /** StockReserved arrived. */
    public PaymentStatus onStockReserved() {
        return switch (this) {
            case NEW -> AWAITING_ORDER;
            case AWAITING_STOCK -> CHARGING;
            default -> this;
        };
    }

    /** StockReservationFailed arrived. */
    public PaymentStatus onStockReservationFailed() {
        return switch (this) {
            case NEW, AWAITING_STOCK, AWAITING_ORDER -> CANCELLED;
            default -> this;
        };
    }

    /** True once nothing more will happen to this payment. */
    public boolean terminal() {
        return this == CAPTURED || this == DECLINED || this == GAVE_UP || this == REFUNDED || this == CANCELLED;
    }
}
