package dev.shoplab.monolith.payment.persistence;

import dev.shoplab.monolith.payment.api.PaymentApi;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code payment.late_capture_checks}: a charge whose outcome stayed unknown for an order
 * that did not go through; checked until the window closes and refunded if it shows up captured.
 */
@Entity
@Table(schema = PaymentApi.SCHEMA, name = "late_capture_checks")
public class LateCaptureCheckRow {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(name = "checks_done", nullable = false)
    public int checksDone;

    @Column(name = "next_check_at", nullable = false)
    public Instant nextCheckAt;

    @Column(name = "check_until", nullable = false)
    public Instant checkUntil;

    protected LateCaptureCheckRow() {
    }

    public LateCaptureCheckRow(UUID orderId, long amountCents, Instant nextCheckAt, Instant checkUntil) {
        this.orderId = orderId;
        this.amountCents = amountCents;
        this.nextCheckAt = nextCheckAt;
        this.checkUntil = checkUntil;
    }
}
