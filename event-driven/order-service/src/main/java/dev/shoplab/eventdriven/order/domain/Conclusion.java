package dev.shoplab.eventdriven.order.domain;

/**
 * How an order's saga ends, decided from inventory's last move (which comes after the payment's outcome, so
 * when an order reads as concluded, stock and money are settled too): sold → CONFIRMED; not reserved →
 * REJECTED, OUT_OF_STOCK; released because the payment failed → REJECTED for a decline, FAILED otherwise.
 */
public record Conclusion(OrderStatus status, String reason, String detail) {

    /** Reason: some line could not be reserved. */
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    /** Reason: the PSP declined the payment. */
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    /** Reason: the PSP could not be reached within the retry bound. */
    public static final String PAYMENT_UNAVAILABLE = "PAYMENT_UNAVAILABLE";

    /** StockCommitted: the payment was captured and the stock sold. */
    public static Conclusion confirmed() {
        return new Conclusion(OrderStatus.CONFIRMED, null, null);
    }

    /** StockReservationFailed. */
    public static Conclusion outOfStock(String detail) {
        return new Conclusion(OrderStatus.REJECTED, OUT_OF_STOCK, detail);
    }

    /** StockReleased, with the payment's reason as its cause. */
    public static Conclusion paymentFailed(String cause, String detail) {
        if (PAYMENT_DECLINED.equals(cause)) {
            return new Conclusion(OrderStatus.REJECTED, PAYMENT_DECLINED, detail);
        }
        return new Conclusion(OrderStatus.FAILED, PAYMENT_UNAVAILABLE, detail);
    }

    /** Whether an order in {@code current} status takes this conclusion (only a PENDING order concludes, once). */
    public boolean appliesTo(OrderStatus current) {
        return current == OrderStatus.PENDING;
    }
}
