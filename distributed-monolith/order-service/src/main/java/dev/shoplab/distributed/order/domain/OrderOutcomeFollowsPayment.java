package dev.shoplab.distributed.order.domain;

import java.util.UUID;

/**
 * How an order ends, read from where order-service's chain of calls stopped: confirmed with the payment it
 * captured; rejected for a business answer (out of stock, declined); failed, with the payment if one was
 * captured before a later call failed (money that a compensation must give back). (The monolith reads the
 * payment's result inside its transaction; the saga reads the event that settled the stock.)
 */
public record OrderOutcomeFollowsPayment(OrderStatus status, OrderReason reason, UUID paymentId) {

    /** Every call answered: the payment {@code paymentId} was captured and the stock is sold. */
    public static OrderOutcomeFollowsPayment confirmed(UUID paymentId) {
        return new OrderOutcomeFollowsPayment(OrderStatus.CONFIRMED, null, paymentId);
    }

    /** A service answered no: out of stock or the payment declined. */
    public static OrderOutcomeFollowsPayment rejected(OrderReason reason) {
        return new OrderOutcomeFollowsPayment(OrderStatus.REJECTED, reason, null);
    }

    /** A call failed; {@code paymentId} is the payment captured before it, or null. */
    public static OrderOutcomeFollowsPayment failed(OrderReason reason, UUID paymentId) {
        return new OrderOutcomeFollowsPayment(OrderStatus.FAILED, reason, paymentId);
    }
}
