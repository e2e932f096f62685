package dev.shoplab.monolith.order.domain;

import dev.shoplab.monolith.payment.api.PaymentStatus;

/**
 * How an order ends once its payment is known: captured money confirms it; a decline rejects it
 * (a business outcome); anything else fails it (a technical outcome). Only a confirmed order
 * keeps its stock; the others give their reservation back.
 */
public final class OrderOutcomeFollowsPayment {

    /** The state an order moves to, and why. */
    public record Conclusion(OrderStatus status, OrderReason reason) {

        public boolean keepsStock() {
            return status == OrderStatus.CONFIRMED;
        }
    }

    private OrderOutcomeFollowsPayment() {
    }

    public static Conclusion after(PaymentStatus payment) {
        return switch (payment) {
            case CAPTURED -> new Conclusion(OrderStatus.CONFIRMED, null);
            case DECLINED -> new Conclusion(OrderStatus.REJECTED, OrderReason.PAYMENT_DECLINED);
            case NOT_CHARGED, UNKNOWN -> new Conclusion(OrderStatus.FAILED, OrderReason.PAYMENT_UNAVAILABLE);
        };
    }

    /** An order whose skus lack the units ends before any payment. */
    public static Conclusion outOfStock() {
        return new Conclusion(OrderStatus.REJECTED, OrderReason.OUT_OF_STOCK);
    }
}
