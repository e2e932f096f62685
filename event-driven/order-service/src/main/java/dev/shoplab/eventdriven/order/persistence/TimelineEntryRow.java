package dev.shoplab.eventdriven.order.persistence;

import dev.shoplab.eventdriven.messaging.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** One saga event about an order, from whichever service published it: a row of {@code order_timeline}. */
public class TimelineEntryRow {

    public UUID eventId;

    public UUID orderId;

    public String eventType;

    public String service;

    public Instant occurredAt;

    public Instant recordedAt;

    public String detail;

    /** The row a plain SQL query ({@code select * from order_timeline}) found. */
    public static TimelineEntryRow read(ResultSet row) throws SQLException {
        TimelineEntryRow entry = new TimelineEntryRow();
        entry.eventId = row.getObject("event_id", UUID.class);
        entry.orderId = row.getObject("order_id", UUID.class);
        entry.eventType = row.getString("event_type");
        entry.service = row.getString("service");
        entry.occurredAt = Sql.instant(row, "occurred_at");
        entry.recordedAt = Sql.instant(row, "recorded_at");
        entry.detail = row.getString("detail");
        return entry;
    }
}
