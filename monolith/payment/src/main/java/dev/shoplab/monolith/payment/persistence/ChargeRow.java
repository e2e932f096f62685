package dev.shoplab.monolith.payment.persistence;

import dev.shoplab.monolith.payment.api.PaymentApi;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code payment.charges}: what came of the charge of one order, and its refund if any. */
@Entity
@Table(schema = PaymentApi.SCHEMA, name = "charges")
public class ChargeRow {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "charge_id", length = 64)
    public String chargeId;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(length = 300)
    public String detail;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "refunded_at")
    public Instant refundedAt;

    protected ChargeRow() {
    }

    public ChargeRow(UUID orderId, String status, String chargeId, long amountCents, String detail, Instant recordedAt) {
        this.orderId = orderId;
        this.status = status;
        this.chargeId = chargeId;
        this.amountCents = amountCents;
        this.detail = detail == null || detail.length() <= 300 ? detail : detail.substring(0, 300);
        this.recordedAt = recordedAt;
    }
}
