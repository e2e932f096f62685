package dev.shoplab.eventdriven.notification.persistence;

import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.notification.domain.NotificationKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One order's notification, written in the transaction that consumed the terminal order event (an outbox
 * of mails): PENDING until the mail provider accepted it, then SENT.
 */
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

    public String orderId;

    public NotificationKind kind;

    public String recipient;

    public String messageId;

    public State state;

    public int attempts;

    public Instant nextAttemptAt;

    public Instant leaseUntil;

    public String lastFailure;

    public Instant sentAt;

    public String traceparent;

    public Instant createdAt;

    /** The row a plain SQL query ({@code select * from notification}) found. */
    public static NotificationRow read(ResultSet row) throws SQLException {
        NotificationRow n = new NotificationRow();
        n.orderId = row.getString("order_id");
        n.kind = NotificationKind.valueOf(row.getString("kind"));
        n.recipient = row.getString("recipient");
        n.messageId = row.getString("message_id");
        n.state = State.valueOf(row.getString("state"));
        n.attempts = row.getInt("attempts");
        n.nextAttemptAt = Sql.instant(row, "next_attempt_at");
        n.leaseUntil = Sql.instant(row, "lease_until");
        n.lastFailure = row.getString("last_failure");
        n.sentAt = Sql.instant(row, "sent_at");
        n.traceparent = row.getString("traceparent");
        n.createdAt = Sql.instant(row, "created_at");
        return n;
    }

    @Override
    public String toString() {
        return "notification of order " + orderId;
    }
}
