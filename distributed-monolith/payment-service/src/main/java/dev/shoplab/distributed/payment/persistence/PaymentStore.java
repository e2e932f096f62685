package dev.shoplab.distributed.payment.persistence;

import dev.shoplab.distributed.payment.domain.PaymentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The payments table, one short local transaction per call: never one held open while the PSP is asked. */
@ApplicationScoped
public class PaymentStore {

    private final EntityManager em;

    public PaymentStore(EntityManager em) {
        this.em = em;
    }

    /** A new PENDING payment with a fresh id (which is also its idempotency key at the PSP). */
    @Transactional
    public PaymentRow open(UUID orderId, long amountCents) {
        PaymentRow payment = new PaymentRow();
        payment.paymentId = UUID.randomUUID();
        payment.orderId = orderId;
        payment.amountCents = amountCents;
        payment.status = PaymentStatus.PENDING;
        payment.createdAt = now();
        payment.updatedAt = payment.createdAt;
        em.persist(payment);
        return payment;
    }

    /** Records what became of a payment. */
    @Transactional
    public PaymentRow settle(UUID paymentId, PaymentStatus status, String pspChargeId, String failure) {
        PaymentRow payment = em.find(PaymentRow.class, paymentId);
        payment.status = status;
        if (pspChargeId != null) {
            payment.pspChargeId = pspChargeId;
        }
        payment.failure = failure == null ? null : failure.substring(0, Math.min(300, failure.length()));
        payment.updatedAt = now();
        return payment;
    }

    @Transactional
    public Optional<PaymentRow> find(UUID paymentId) {
        return Optional.ofNullable(em.find(PaymentRow.class, paymentId));
    }

    /** Every payment of an order, oldest first (more than one when a charge request was retried). */
    @Transactional
    public List<PaymentRow> ofOrder(UUID orderId) {
        return em.createQuery("select p from PaymentRow p where p.orderId = :order order by p.createdAt", PaymentRow.class)
                .setParameter("order", orderId).getResultList();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
