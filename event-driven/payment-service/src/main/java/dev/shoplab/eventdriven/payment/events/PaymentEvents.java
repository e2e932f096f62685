package dev.shoplab.eventdriven.payment.events;

import dev.shoplab.eventdriven.messaging.EventType;
import dev.shoplab.eventdriven.messaging.Topics;

/** The events payment-service publishes (its side of the contract) and its view of the order event it reads. */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    /** The PSP captured the order's total. */
    @EventType(name = "PaymentSucceeded", topic = Topics.PAYMENTS)
    public record PaymentSucceeded(String chargeId, long amountCents, int attempts) {
    }

    /** No money was taken: declined (business) or the PSP stayed unreachable (technical). */
    @EventType(name = "PaymentFailed", topic = Topics.PAYMENTS)
    public record PaymentFailed(String reason, String detail, long amountCents, int attempts) {
    }

    /** A capture that surfaced after payment had given up was refunded. */
    @EventType(name = "PaymentRefunded", topic = Topics.PAYMENTS)
    public record PaymentRefunded(String chargeId, String refundId, long amountCents) {
    }

    /** Payment's view of OrderPlaced: what to charge and with which token. */
    public record OrderPlaced(long totalCents, String paymentToken) {
    }
}
