package dev.shoplab.eventdriven.order.domain;

/**
 * How an order ends, decided here from inventory's last move (which comes after the payment's outcome, so
 * when an order reads as concluded, stock and money are settled too): sold → CONFIRMED; not reserved →
 * REJECTED, OUT_OF_STOCK; released because the payment failed → REJECTED for a decline, FAILED otherwise.
 * (The monolith reads the payment's result inside its transaction; the distributed monolith reads where its
 * chain of calls stopped; the saga reads the event that settled the stock.)
 */
public record OrderOutcomeFollowsPayment(OrderStatus status, OrderReason reason, String detail) {

    /** StockCommitted: the payment was captured and the stock sold. */
    public static OrderOutcomeFollowsPayment confirmed() {
        return new OrderOutcomeFollowsPayment(OrderStatus.CONFIRMED, null, null);
    }

    /** StockReservationFailed. */
    public static OrderOutcomeFollowsPayment outOfStock(String detail) {
        return new OrderOutcomeFollowsPayment(OrderStatus.REJECTED, OrderReason.OUT_OF_STOCK, detail);
    }

    /** StockReleased, with the payment's reason as its cause. */
    public static OrderOutcomeFollowsPayment paymentFailed(String cause, String detail) {
        if (OrderReason.PAYMENT_DECLINED.name().equals(cause)) {
            return new OrderOutcomeFollowsPayment(OrderStatus.REJECTED, OrderReason.PAYMENT_DECLINED, detail);
        }
        return new OrderOutcomeFollowsPayment(OrderStatus.FAILED, OrderReason.PAYMENT_UNAVAILABLE, detail);
    }

    /** Whether an order in {@code current} status takes this conclusion (only a PENDING order concludes, once). */
    public boolean appliesTo(OrderStatus current) {
        return current == OrderStatus.PENDING;
    }
}
