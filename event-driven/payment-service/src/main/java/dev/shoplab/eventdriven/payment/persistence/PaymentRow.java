package dev.shoplab.eventdriven.payment.persistence;

import dev.shoplab.eventdriven.payment.domain.PaymentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One order's payment: what to charge, where the saga stands, and every PSP attempt's trace. */
@Entity
@Table(name = "payment")
public class PaymentRow {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus state;

    @Column(name = "amount_cents")
    public Long amountCents;

    @Column(name = "payment_token")
    public String paymentToken;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "unknown_outcomes", nullable = false)
    public int unknownOutcomes;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "reconcile_until")
    public Instant reconcileUntil;

    @Column(name = "charge_id")
    public String chargeId;

    @Column(name = "refund_id")
    public String refundId;

    @Column(name = "refunded_cents", nullable = false)
    public long refundedCents;

    @Column(name = "last_failure")
    public String lastFailure;

    @Column
    public String traceparent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Moves to {@code next}; a payment that needs the worker becomes due now, any other is off the worker's list. */
    public void moveTo(PaymentStatus next) {
        state = next;
        nextAttemptAt = next == PaymentStatus.CHARGING || next == PaymentStatus.RECONCILING ? Instant.now() : null;
        leaseUntil = null;
        updatedAt = Instant.now();
    }

    /** Stays in its state and becomes due again at {@code at}. */
    public void retryAt(Instant at) {
        nextAttemptAt = at;
        leaseUntil = null;
        updatedAt = Instant.now();
    }

    @Override
    public String toString() {
        return "payment of order " + orderId;
    }
}
