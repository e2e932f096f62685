package dev.shoplab.distributed.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One notification request and whether its mail went out (table {@code notifications}). */
@Entity
@Table(name = "notifications")
public class NotificationRow {

    /** Status of a notification whose mail the provider accepted. */
    public static final String SENT = "SENT";
    /** Status of a notification whose mail did not go out. */
    public static final String FAILED = "FAILED";
    /** Status while the mail provider is asked. */
    public static final String SENDING = "SENDING";

    @Id
    @Column(name = "notification_id")
    public UUID notificationId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String status;

    public String failure;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
