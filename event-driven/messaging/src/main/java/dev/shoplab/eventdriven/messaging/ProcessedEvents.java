package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Pattern: idempotent consumer. Records that this service applied an event, in the transaction that
 * applies it; a second delivery of the same event finds the record and is skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String RECORD = """
            insert into processed_event (event_id, event_type, topic, processed_at) values (?1, ?2, ?3, now())
            on conflict (event_id) do nothing""";

    private final EntityManager em;

    ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** Records the event; true if this is the first time (apply it), false if it was applied before (skip it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(IncomingEvent event) {
        return em.createNativeQuery(RECORD)
                .setParameter(1, UUID.fromString(event.envelope().eventId()))
                .setParameter(2, event.type())
                .setParameter(3, event.topic())
                .executeUpdate() == 1;
    }
}
