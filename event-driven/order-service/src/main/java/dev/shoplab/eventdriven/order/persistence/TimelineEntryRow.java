package dev.shoplab.eventdriven.order.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One saga event about an order, from whichever service published it: a row of the order's timeline. */
@Entity
@Table(name = "order_timeline")
public class TimelineEntryRow {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String service;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column
    public String detail;
}
