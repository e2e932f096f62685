package dev.shoplab.distributed.order.persistence;

import dev.shoplab.distributed.order.domain.OrderReason;
import dev.shoplab.distributed.order.domain.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/** The orders table, one short local transaction per call: none is open while another service is called. */
@ApplicationScoped
public class OrderStore {

    private static final String IDEMPOTENCY_CONSTRAINT = "orders_idempotency_key_unique";

    private final EntityManager em;

    public OrderStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Writes a new PENDING order. A taken Idempotency-Key fails it with a {@link PersistenceException}
     * for which {@link #keyTaken} holds, and nothing is written.
     */
    @Transactional
    public void insertPending(OrderRow order) {
        em.persist(order);
        em.flush();
    }

    /** Whether {@link #insertPending} failed because another order already has the Idempotency-Key. */
    public static boolean keyTaken(PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && IDEMPOTENCY_CONSTRAINT.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    /** Concludes an order: its end status, why, and its payment. */
    @Transactional
    public OrderRow conclude(UUID orderId, OrderStatus status, OrderReason reason, UUID paymentId) {
        OrderRow order = em.find(OrderRow.class, orderId);
        order.status = status;
        order.reason = reason;
        order.paymentId = paymentId;
        order.updatedAt = now();
        return order;
    }

    @Transactional
    public Optional<OrderRow> find(UUID orderId) {
        return Optional.ofNullable(em.find(OrderRow.class, orderId));
    }

    @Transactional
    public Optional<OrderRow> findByKey(String idempotencyKey) {
        return em.createQuery("select o from OrderRow o where o.idempotencyKey = :key", OrderRow.class)
                .setParameter("key", idempotencyKey).getResultStream().findFirst();
    }

    /** The time as the database keeps it (microseconds). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
