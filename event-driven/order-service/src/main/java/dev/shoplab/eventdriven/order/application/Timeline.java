package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.messaging.EventEnvelope;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.order.events.TimelineDetails;
import dev.shoplab.eventdriven.order.persistence.TimelineEntryRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Records every saga event about an order (its own and the other services'), for {@code GET /api/orders/{id}}. */
@ApplicationScoped
public class Timeline {

    private static final String COLUMNS = "(event_id, order_id, event_type, service, occurred_at, recorded_at, detail)";
    private static final String RECORD = "insert into order_timeline " + COLUMNS + """
             values (?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing""";
    private static final String RECORD_IF_KNOWN = "insert into order_timeline " + COLUMNS + """
             select ?, ?, ?, ?, ?, ?, ? where exists (select 1 from orders where id = ?)
            on conflict (event_id) do nothing""";
    private static final String OF = "select * from order_timeline where order_id = ? order by occurred_at, recorded_at";

    private final Sql sql;

    Timeline(DataSource database) {
        this.sql = new Sql(database);
    }

    /** Adds an event from {@code topic} to its order's timeline (once per event id); returns the entry. */
    @Transactional(Transactional.TxType.MANDATORY)
    public TimelineEntryRow record(String topic, EventEnvelope event) {
        TimelineEntryRow entry = entry(topic, event);
        sql.update(RECORD, entry.eventId, entry.orderId, entry.eventType, entry.service, entry.occurredAt,
                entry.recordedAt, entry.detail);
        return entry;
    }

    /** As {@link #record}, if this service knows the order (an event about another shop's order is ignored). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordIfKnown(String topic, EventEnvelope event) {
        TimelineEntryRow entry = entry(topic, event);
        sql.update(RECORD_IF_KNOWN, entry.eventId, entry.orderId, entry.eventType, entry.service, entry.occurredAt,
                entry.recordedAt, entry.detail, entry.orderId);
    }

    /** The order's timeline, oldest first. */
    public List<TimelineEntryRow> of(UUID orderId) {
        return sql.list(OF, TimelineEntryRow::read, orderId);
    }

    private static TimelineEntryRow entry(String topic, EventEnvelope event) {
        TimelineEntryRow entry = new TimelineEntryRow();
        entry.eventId = UUID.fromString(event.eventId());
        entry.orderId = UUID.fromString(event.orderId());
        entry.eventType = event.type();
        entry.service = TimelineDetails.serviceOf(topic);
        entry.occurredAt = event.occurredAt();
        entry.recordedAt = Instant.now();
        entry.detail = TimelineDetails.describe(event.type(), event.payload());
        return entry;
    }
}
