package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Pattern: transactional outbox. A service calls {@link #append} inside the transaction that changes its
 * state; the event becomes a row of that same transaction (one plain {@code insert} on the transaction's
 * connection), so it exists if and only if the change committed. The {@link OutboxRelay} publishes it
 * afterwards. Every event is checked against its JSON Schema here, so a producer cannot even write an event
 * that breaks the contract.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox_message (event_id, topic, message_key, event_type, order_id, envelope, traceparent,
                                        created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Sql sql;

    private final AfterCommit afterCommit;

    private final OutboxRelay relay;

    Outbox(DataSource database, AfterCommit afterCommit, OutboxRelay relay) {
        this.sql = new Sql(database);
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
     *
     * @throws IllegalArgumentException if the payload's class is not annotated with {@link EventType}
     * @throws IllegalStateException    if the event breaks its schema (a bug of the producer: nothing is written)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope append(String key, String orderId, Object payload, TraceParent trace) {
        EventType type = payload.getClass().getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not annotated with @EventType");
        }
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type.name(), type.version(),
                Sql.now(), orderId, EventJson.tree(payload));
        ObjectNode json = EventJson.mapper().valueToTree(envelope);
        List<String> problems = EventSchemas.problems(json);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(type.name() + " v" + type.version() + " breaks its schema "
                    + EventSchemas.fileName(type.name(), type.version()) + ": " + problems);
        }
        sql.update(INSERT, UUID.fromString(envelope.eventId()), type.topic(), key, type.name(), orderId,
                EventJson.write(json), trace.header(), envelope.occurredAt());
        afterCommit.run(OutboxRelay.class, relay::wake);
        return envelope;
    }
}
