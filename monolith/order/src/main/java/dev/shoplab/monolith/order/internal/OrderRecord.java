package dev.shoplab.monolith.order.internal;

import dev.shoplab.monolith.order.api.OrderReason;
import dev.shoplab.monolith.order.api.OrderStatus;
import dev.shoplab.monolith.order.api.OrderView;
import dev.shoplab.monolith.order.api.Orders;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One row of {@code orders.orders} with its lines ({@code orders.order_lines}). */
@Entity
@Table(schema = Orders.SCHEMA, name = "orders")
public class OrderRecord {

    /** One row of {@code orders.order_lines}: a line with the unit price it was sold at. */
    @Embeddable
    public static class Line {

        @Column(nullable = false, length = 32)
        String sku;

        @Column(nullable = false)
        int quantity;

        @Column(name = "unit_price_cents", nullable = false)
        long unitPriceCents;

        protected Line() {
        }

        Line(String sku, int quantity, long unitPriceCents) {
            this.sku = sku;
            this.quantity = quantity;
            this.unitPriceCents = unitPriceCents;
        }
    }

    @Id
    UUID id;

    @Column(name = "customer_id", nullable = false, length = 100)
    String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    OrderReason reason;

    @Column(name = "total_cents", nullable = false)
    long totalCents;

    @Column(name = "idempotency_key", length = 200, unique = true)
    String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false, length = 64)
    String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @ElementCollection
    @CollectionTable(schema = Orders.SCHEMA, name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    List<Line> lines = new ArrayList<>();

    protected OrderRecord() {
    }

    OrderRecord(UUID id, String customerId, OrderStatus status, OrderReason reason, long totalCents,
                String idempotencyKey, String requestFingerprint, Instant createdAt, List<Line> lines) {
        this.id = id;
        this.customerId = customerId;
        this.status = status;
        this.reason = reason;
        this.totalCents = totalCents;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.lines = new ArrayList<>(lines);
    }

    OrderView toView() {
        return new OrderView(id, customerId, status, reason,
                lines.stream().map(l -> new OrderView.LineView(l.sku, l.quantity, l.unitPriceCents,
                        l.unitPriceCents * l.quantity)).toList(),
                totalCents, createdAt, updatedAt);
    }
}
