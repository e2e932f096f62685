package dev.shoplab.distributed.payment.persistence;

import dev.shoplab.distributed.payment.domain.PaymentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One charge request and what became of it (table {@code payments}). */
@Entity
@Table(name = "payments")
public class PaymentRow {

    @Id
    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus status;

    @Column(name = "psp_charge_id")
    public String pspChargeId;

    public String failure;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
