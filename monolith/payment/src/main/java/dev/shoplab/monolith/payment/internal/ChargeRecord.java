package dev.shoplab.monolith.payment.internal;

import dev.shoplab.monolith.payment.api.Payments;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code payment.charges}: what came of the charge of one order, and its refund if any. */
@Entity
@Table(schema = Payments.SCHEMA, name = "charges")
public class ChargeRecord {

    @Id
    @Column(name = "order_id")
    UUID orderId;

    @Column(nullable = false, length = 16)
    String status;

    @Column(name = "charge_id", length = 64)
    String chargeId;

    @Column(name = "amount_cents", nullable = false)
    long amountCents;

    @Column(length = 300)
    String detail;

    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    @Column(name = "refunded_at")
    Instant refundedAt;

    protected ChargeRecord() {
    }

    ChargeRecord(UUID orderId, String status, String chargeId, long amountCents, String detail, Instant recordedAt) {
        this.orderId = orderId;
        this.status = status;
        this.chargeId = chargeId;
        this.amountCents = amountCents;
        this.detail = detail == null || detail.length() <= 300 ? detail : detail.substring(0, 300);
        this.recordedAt = recordedAt;
    }
}
