package dev.shoplab.eventdriven.notification.persistence;

import dev.shoplab.eventdriven.notification.domain.NotificationKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One order's notification, written in the transaction that consumed the terminal order event (an outbox
 * of mails): PENDING until the mail provider accepted it, then SENT.
 */
@Entity
@Table(name = "notification")
public class NotificationRow {

    /** Where a notification stands. */
    public enum State {
        /** To be sent (again). */
        PENDING,
        /** The mail provider accepted it. */
        SENT,
        /** The provider refused it as invalid: kept for a human, never retried. */
        REFUSED
    }

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationKind kind;

    @Column(nullable = false)
    public String recipient;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_failure")
    public String lastFailure;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public String traceparent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "notification of order " + orderId;
    }
}
