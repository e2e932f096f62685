package dev.shoplab.eventdriven.payment.application;

import dev.shoplab.eventdriven.messaging.AfterCommit;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.payment.domain.PaymentStatus;
import dev.shoplab.eventdriven.payment.events.PaymentEvents;
import dev.shoplab.eventdriven.payment.persistence.PaymentRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.function.UnaryOperator;

/**
 * Joins the two facts a charge needs. Each event locks the order's payment row (creating it first if this
 * is the first fact), moves its state, and when the state becomes CHARGING nudges the worker after commit.
 */
@ApplicationScoped
public class Payments {

    private static final String CREATE = """
            insert into payment (order_id, state, idempotency_key, attempts, unknown_outcomes, refunded_cents,
                                 created_at, updated_at)
            values (?1, 'NEW', ?2, 0, 0, 0, now(), now())
            on conflict (order_id) do nothing""";

    private final EntityManager em;

    private final AfterCommit afterCommit;

    private final PaymentWorker worker;

    Payments(EntityManager em, AfterCommit afterCommit, PaymentWorker worker) {
        this.em = em;
        this.afterCommit = afterCommit;
        this.worker = worker;
    }

    /** The PSP idempotency key of an order's charge: the same for every attempt, by any process, ever. */
    public static String chargeKey(String orderId) {
        return "ed-charge-" + orderId;
    }

    /** The PSP idempotency key of the refund of an order's late capture. */
    public static String refundKey(String orderId) {
        return "ed-refund-" + orderId;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void orderPlaced(IncomingEvent event, PaymentEvents.OrderPlaced placed) {
        PaymentRow payment = lock(event);
        if (payment.amountCents == null) {
            payment.amountCents = placed.totalCents();
            payment.paymentToken = placed.paymentToken();
        }
        move(payment, event, PaymentStatus::onOrderPlaced);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReserved(IncomingEvent event) {
        move(lock(event), event, PaymentStatus::onStockReserved);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReservationFailed(IncomingEvent event) {
        move(lock(event), event, PaymentStatus::onStockReservationFailed);
    }

    private PaymentRow lock(IncomingEvent event) {
        // Two consumer threads may bring the two facts of one order at the same moment: create the row if
        // needed without racing, then lock it.
        em.createNativeQuery(CREATE).setParameter(1, event.orderId()).setParameter(2, chargeKey(event.orderId()))
                .executeUpdate();
        return em.find(PaymentRow.class, event.orderId(), LockModeType.PESSIMISTIC_WRITE);
    }

    private void move(PaymentRow payment, IncomingEvent event, UnaryOperator<PaymentStatus> transition) {
        PaymentStatus next = transition.apply(payment.state);
        if (next == payment.state) {
            return;
        }
        payment.moveTo(next);
        if (next == PaymentStatus.CHARGING) {
            payment.traceparent = event.trace().header();
            afterCommit.run(PaymentWorker.class, worker::wake);
        }
    }
}
