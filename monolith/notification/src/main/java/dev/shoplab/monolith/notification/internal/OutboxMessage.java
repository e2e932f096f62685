package dev.shoplab.monolith.notification.internal;

import dev.shoplab.monolith.notification.api.Notifications;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code notification.outbox}: a customer message and how its delivery went. */
@Entity
@Table(schema = Notifications.SCHEMA, name = "outbox")
public class OutboxMessage {

    @Id
    @Column(name = "message_id", length = 80)
    String messageId;

    @Column(name = "order_id", nullable = false)
    UUID orderId;

    @Column(nullable = false, length = 200)
    String recipient;

    @Column(nullable = false, length = 32)
    String kind;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;

    @Column(name = "delivered_at")
    Instant deliveredAt;

    @Column(name = "last_error", length = 300)
    String lastError;

    protected OutboxMessage() {
    }

    OutboxMessage(String messageId, UUID orderId, String recipient, String kind, Instant createdAt) {
        this.messageId = messageId;
        this.orderId = orderId;
        this.recipient = recipient;
        this.kind = kind;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }
}
