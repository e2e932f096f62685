package dev.shoplab.distributed.notification.persistence;

import dev.shoplab.distributed.notification.domain.NotificationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The notifications table, one short local transaction per call: none is open while the mail provider is asked. */
@ApplicationScoped
public class NotificationStore {

    private final EntityManager em;

    public NotificationStore(EntityManager em) {
        this.em = em;
    }

    /** A new notification, SENDING, with a fresh id (which is also the message id the provider sees). */
    @Transactional
    public NotificationRow open(UUID orderId, String recipient, NotificationKind kind) {
        NotificationRow row = new NotificationRow();
        row.notificationId = UUID.randomUUID();
        row.orderId = orderId;
        row.kind = kind.wireName();
        row.recipient = recipient;
        row.status = NotificationRow.SENDING;
        row.createdAt = now();
        row.updatedAt = row.createdAt;
        em.persist(row);
        return row;
    }

    /** Records whether the mail went out. */
    @Transactional
    public NotificationRow settle(UUID notificationId, String status, String failure) {
        NotificationRow row = em.find(NotificationRow.class, notificationId);
        row.status = status;
        row.failure = failure == null ? null : failure.substring(0, Math.min(300, failure.length()));
        row.updatedAt = now();
        return row;
    }

    /** Every notification of an order, oldest first. */
    @Transactional
    public List<NotificationRow> ofOrder(UUID orderId) {
        return em.createQuery("select n from NotificationRow n where n.orderId = :order order by n.createdAt",
                NotificationRow.class).setParameter("order", orderId).getResultList();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
