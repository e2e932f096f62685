package dev.shoplab.eventdriven.payment.persistence;

import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.payment.domain.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One order's payment: what to charge, where the saga stands, and every PSP attempt's trace. */
public class PaymentRow {

    public String orderId;

    public PaymentStatus state;

    public Long amountCents;

    public String paymentToken;

    public String idempotencyKey;

    /** Charge attempts made: counted when the payment is claimed for one, before the PSP is called. */
    public int attempts;

    /**
     * Attempts whose outcome is unknown: counted with the attempt, taken off when a certain answer (captured, declined,
     * nothing happened) is recorded. Above 0 when giving up, the payment must reconcile.
     */
    public int unknownOutcomes;

    public Instant nextAttemptAt;

    public Instant leaseUntil;

    public Instant reconcileUntil;

    public String chargeId;

    public String refundId;

    public long refundedCents;

    public String lastFailure;

    public String traceparent;

    public Instant createdAt;

    public Instant updatedAt;

    /** Finds and locks an order's payment ({@code select … for update}): its fields as {@link #read} maps them. */
    public static final String LOCK = "select * from payment where order_id = ? for update";

    /** Writes back every field that changes after the row was created; parameters from {@link #saveParameters()}. */
    public static final String SAVE = """
            update payment set state = ?, amount_cents = ?, payment_token = ?, attempts = ?, unknown_outcomes = ?,
                next_attempt_at = ?, lease_until = ?, reconcile_until = ?, charge_id = ?, refund_id = ?,
                refunded_cents = ?, last_failure = ?, traceparent = ?, updated_at = ?
            where order_id = ?""";

    /** The row a plain SQL query ({@code select * from payment}) found. */
    public static PaymentRow read(ResultSet row) throws SQLException {
        PaymentRow payment = new PaymentRow();
        payment.orderId = row.getString("order_id");
        payment.state = PaymentStatus.valueOf(row.getString("state"));
        payment.amountCents = Sql.nullableLong(row, "amount_cents");
        payment.paymentToken = row.getString("payment_token");
        payment.idempotencyKey = row.getString("idempotency_key");
        payment.attempts = row.getInt("attempts");
        payment.unknownOutcomes = row.getInt("unknown_outcomes");
        payment.nextAttemptAt = Sql.instant(row, "next_attempt_at");
        payment.leaseUntil = Sql.instant(row, "lease_until");
        payment.reconcileUntil = Sql.instant(row, "reconcile_until");
        payment.chargeId = row.getString("charge_id");
        payment.refundId = row.getString("refund_id");
        payment.refundedCents = row.getLong("refunded_cents");
        payment.lastFailure = row.getString("last_failure");
        payment.traceparent = row.getString("traceparent");
        payment.createdAt = Sql.instant(row, "created_at");
        payment.updatedAt = Sql.instant(row, "updated_at");
        return payment;
    }

    /** The parameters of {@link #SAVE}. */
    public Object[] saveParameters() {
        return new Object[] {state, amountCents, paymentToken, attempts, unknownOutcomes, nextAttemptAt, leaseUntil,
                reconcileUntil, chargeId, refundId, refundedCents, lastFailure, traceparent, updatedAt, orderId};
    }

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
