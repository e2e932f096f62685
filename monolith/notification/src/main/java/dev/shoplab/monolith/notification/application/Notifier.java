package dev.shoplab.monolith.notification.application;

import dev.shoplab.monolith.notification.api.NotificationApi;
import dev.shoplab.monolith.notification.api.NotificationKind;
import dev.shoplab.monolith.notification.domain.MessageIdentity;
import dev.shoplab.monolith.notification.domain.Recipient;
import dev.shoplab.monolith.notification.persistence.OutboxRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The notification context behind its api: writes the outbox row and signals the relay once the transaction commits. */
@ApplicationScoped
public class Notifier implements NotificationApi {

    /** Fired in the writing transaction; {@link OutboxRelay} observes it only after that transaction committed. */
    public record OutboxWritten(String messageId) {
    }

    private final EntityManager em;
    private final Event<OutboxWritten> written;

    public Notifier(EntityManager em, Event<OutboxWritten> written) {
        this.em = em;
        this.written = written;
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void orderConcluded(UUID orderId, String customerId, NotificationKind kind) {
        String messageId = MessageIdentity.of(orderId, kind.wireName());
        OutboxRow message = new OutboxRow(messageId, orderId, Recipient.addressOf(customerId), kind.wireName(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        message.traceparent = DeliveryTrace.current();
        em.persist(message);
        written.fire(new OutboxWritten(messageId));
    }
}
