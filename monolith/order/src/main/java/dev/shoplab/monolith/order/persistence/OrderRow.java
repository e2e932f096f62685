package dev.shoplab.monolith.order.persistence;

import dev.shoplab.monolith.order.application.OrderView;
import dev.shoplab.monolith.order.domain.OrderReason;
import dev.shoplab.monolith.order.domain.OrderStatus;
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
@Table(schema = OrderRow.SCHEMA, name = "orders")
public class OrderRow {

    /** The database schema the order context owns; no other context reads or writes it. */
    public static final String SCHEMA = "orders";

    /** One row of {@code orders.order_lines}: a line with the unit price it was sold at. */
    @Embeddable
    public static class Line {

        @Column(nullable = false, length = 32)
        public String sku;

        @Column(nullable = false)
        public int quantity;

        @Column(name = "unit_price_cents", nullable = false)
        public long unitPriceCents;

        protected Line() {
        }

        public Line(String sku, int quantity, long unitPriceCents) {
            this.sku = sku;
            this.quantity = quantity;
            this.unitPriceCents = unitPriceCents;
        }
    }

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false, length = 100)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    public OrderReason reason;

    @Column(name = "total_cents", nullable = false)
    public long totalCents;

    @Column(name = "idempotency_key", length = 200, unique = true)
    public String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false, length = 64)
    public String requestFingerprint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(schema = OrderRow.SCHEMA, name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    public List<Line> lines = new ArrayList<>();

    protected OrderRow() {
    }

    public OrderRow(UUID id, String customerId, OrderStatus status, OrderReason reason, long totalCents,
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

    public OrderView toView() {
        return new OrderView(id, customerId, status, reason,
                lines.stream().map(l -> new OrderView.LineView(l.sku, l.quantity, l.unitPriceCents,
                        l.unitPriceCents * l.quantity)).toList(),
                totalCents, createdAt, updatedAt);
    }
}
