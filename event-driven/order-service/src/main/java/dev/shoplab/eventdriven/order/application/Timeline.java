package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.messaging.EventEnvelope;
import dev.shoplab.eventdriven.order.events.TimelineDetails;
import dev.shoplab.eventdriven.order.persistence.TimelineEntryRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Records every saga event about an order (its own and the other services'), for {@code GET /api/orders/{id}}. */
@ApplicationScoped
public class Timeline {

    private final EntityManager em;

    Timeline(EntityManager em) {
        this.em = em;
    }

    /** Adds an event from {@code topic} to its order's timeline (once per event id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String topic, EventEnvelope event) {
        UUID eventId = UUID.fromString(event.eventId());
        if (em.find(TimelineEntryRow.class, eventId) != null) {
            return;
        }
        TimelineEntryRow entry = new TimelineEntryRow();
        entry.eventId = eventId;
        entry.orderId = UUID.fromString(event.orderId());
        entry.eventType = event.type();
        entry.service = TimelineDetails.serviceOf(topic);
        entry.occurredAt = event.occurredAt();
        entry.recordedAt = Instant.now();
        entry.detail = TimelineDetails.describe(event.type(), event.payload());
        em.persist(entry);
    }

    /** The order's timeline, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<TimelineEntryRow> of(UUID orderId) {
        return em.createQuery("from TimelineEntryRow where orderId = :orderId order by occurredAt, recordedAt",
                TimelineEntryRow.class).setParameter("orderId", orderId).getResultList();
    }
}
