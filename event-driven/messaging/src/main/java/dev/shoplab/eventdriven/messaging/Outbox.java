package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Pattern: transactional outbox. A service calls {@link #append} inside the transaction that changes its
 * state; the event becomes a row of that same transaction, so it exists if and only if the change
 * committed. The {@link OutboxRelay} publishes it afterwards. Every event is checked against its JSON
 * Schema here, so a producer cannot even write an event that breaks the contract.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;

    private final AfterCommit afterCommit;

    private final OutboxRelay relay;

    Outbox(EntityManager em, AfterCommit afterCommit, OutboxRelay relay) {
        this.em = em;
        this.afterCommit = afterCommit;
        this.relay = relay;
    }

    /** Appends an event about an order, keyed by its orderId. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope append(String orderId, Object payload, TraceParent trace) {
        return append(orderId, orderId, payload, trace);
    }

    /**
     * Appends an event with an explicit Kafka key (catalogue snapshots no order caused); the topic, type and
     * version come from the payload's {@link EventType}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope append(String key, String orderId, Object payload, TraceParent trace) {
        EventType type = payload.getClass().getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not annotated with @EventType");
        }
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type.name(), type.version(),
                Instant.now(), orderId, EventJson.tree(payload));
        String json = EventJson.write(envelope);
        List<String> problems = EventSchemas.problems(EventJson.tree(envelope));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(type.name() + " v" + type.version() + " breaks its schema "
                    + EventSchemas.fileName(type.name(), type.version()) + ": " + problems);
        }
        OutboxRow message = new OutboxRow();
        message.eventId = UUID.fromString(envelope.eventId());
        message.topic = type.topic();
        message.messageKey = key;
        message.eventType = type.name();
        message.orderId = orderId;
        message.envelope = json;
        message.traceparent = trace.header();
        message.createdAt = envelope.occurredAt();
        em.persist(message);
        afterCommit.run(OutboxRelay.class, relay::wake);
        return envelope;
    }
}
