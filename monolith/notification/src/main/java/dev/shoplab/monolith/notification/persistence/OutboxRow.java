package dev.shoplab.monolith.notification.persistence;

import dev.shoplab.monolith.notification.api.NotificationApi;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code notification.outbox}: a customer message and how its delivery went. */
@Entity
@Table(schema = NotificationApi.SCHEMA, name = "outbox")
public class OutboxRow {

    @Id
    @Column(name = "message_id", length = 80)
    public String messageId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(nullable = false, length = 200)
    public String recipient;

    @Column(nullable = false, length = 32)
    public String kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "last_error", length = 300)
    public String lastError;

    /** The W3C traceparent of the request that wrote it: its delivery continues that trace; null while tracing is off. */
    @Column(length = 55)
    public String traceparent;

    protected OutboxRow() {
    }

    public OutboxRow(String messageId, UUID orderId, String recipient, String kind, Instant createdAt) {
        this.messageId = messageId;
        this.orderId = orderId;
        this.recipient = recipient;
        this.kind = kind;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }
}
