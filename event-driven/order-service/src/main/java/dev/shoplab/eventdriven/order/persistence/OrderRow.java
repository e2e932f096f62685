package dev.shoplab.eventdriven.order.persistence;

import dev.shoplab.eventdriven.order.domain.OrderStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An order as the edge accepted it, with where its saga stands. */
@Entity
@Table(name = "orders")
public class OrderRow {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column
    public String reason;

    @Column(name = "reason_detail")
    public String reasonDetail;

    @Column(name = "total_cents", nullable = false)
    public long totalCents;

    @Column(name = "payment_token", nullable = false)
    public String paymentToken;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false)
    public String requestFingerprint;

    @Column(nullable = false)
    public String traceparent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
