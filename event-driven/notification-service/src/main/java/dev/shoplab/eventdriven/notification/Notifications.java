package dev.shoplab.eventdriven.notification;

import dev.shoplab.eventdriven.messaging.AfterCommit;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.notification.domain.NotificationKind;
import dev.shoplab.eventdriven.notification.events.NotificationEvents;
import dev.shoplab.eventdriven.notification.persistence.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Pattern: outbox (of mails). A terminal order event becomes a PENDING notification in the transaction that
 * consumes it; the {@link MailSender} sends it afterwards. One notification per order, whatever arrives.
 */
@ApplicationScoped
public class Notifications {

    @Inject
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    MailSender sender;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(IncomingEvent event, NotificationEvents.OrderSettled settled) {
        if (em.find(Notification.class, event.orderId()) != null) {
            return;
        }
        Notification notification = new Notification();
        notification.orderId = event.orderId();
        notification.kind = NotificationKind.forEvent(event.type()).orElseThrow();
        notification.recipient = settled.customerId();
        notification.messageId = NotificationKind.messageId(event.orderId());
        notification.state = Notification.State.PENDING;
        notification.nextAttemptAt = Instant.now();
        notification.traceparent = event.trace().header();
        notification.createdAt = Instant.now();
        em.persist(notification);
        afterCommit.run(MailSender.class, sender::wake);
    }
}
