package dev.shoplab.eventdriven.notification.application;

import dev.shoplab.eventdriven.messaging.AfterCommit;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.notification.domain.MessageIdentity;
import dev.shoplab.eventdriven.notification.domain.NotificationKind;
import dev.shoplab.eventdriven.notification.domain.Recipient;
import dev.shoplab.eventdriven.notification.events.NotificationEvents;
import dev.shoplab.eventdriven.notification.persistence.NotificationRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Pattern: outbox (of mails). A terminal order event becomes a PENDING notification in the transaction that
 * consumes it; the {@link MailSender} sends it afterwards. One notification per order, whatever arrives.
 */
@ApplicationScoped
public class Notifier {

    private final EntityManager em;

    private final AfterCommit afterCommit;

    private final MailSender sender;

    Notifier(EntityManager em, AfterCommit afterCommit, MailSender sender) {
        this.em = em;
        this.afterCommit = afterCommit;
        this.sender = sender;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(IncomingEvent event, NotificationEvents.OrderSettled settled) {
        if (em.find(NotificationRow.class, event.orderId()) != null) {
            return;
        }
        NotificationRow notification = new NotificationRow();
        notification.orderId = event.orderId();
        notification.kind = NotificationKind.forEvent(event.type()).orElseThrow();
        notification.recipient = Recipient.addressOf(settled.customerId());
        notification.messageId = MessageIdentity.of(event.orderId());
        notification.state = NotificationRow.State.PENDING;
        notification.nextAttemptAt = Instant.now();
        notification.traceparent = event.trace().header();
        notification.createdAt = Instant.now();
        em.persist(notification);
        afterCommit.run(MailSender.class, sender::wake);
    }
}
