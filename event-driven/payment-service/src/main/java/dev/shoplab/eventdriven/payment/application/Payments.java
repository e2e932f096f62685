package dev.shoplab.eventdriven.payment.application;

import dev.shoplab.eventdriven.messaging.AfterCommit;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.payment.domain.PaymentStatus;
import dev.shoplab.eventdriven.payment.events.PaymentEvents;
import dev.shoplab.eventdriven.payment.persistence.PaymentRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Joins the two facts a charge needs. Each event locks the order's payment row (creating it first if this
 * is the first fact), moves its state, and when the state becomes CHARGING nudges the worker after commit.
 */
@ApplicationScoped
public class Payments {

    /**
     * Creates the order's payment row if this is the first fact about it, or locks the one there, and returns it:
     * two consumer threads (or a redelivery) may bring the two facts of one order at the same moment, and this
     * one statement neither races nor waits on a second one. The no-op update is what locks an existing row.
     */
    private static final String CREATE_OR_LOCK = """
            insert into payment (order_id, state, idempotency_key, attempts, unknown_outcomes, refunded_cents,
                                 created_at, updated_at)
            values (?, 'NEW', ?, 0, 0, 0, now(), now())
            on conflict (order_id) do update set order_id = excluded.order_id
            returning *""";

    private final Sql sql;

    private final AfterCommit afterCommit;

    private final PaymentWorker worker;

    Payments(DataSource database, AfterCommit afterCommit, PaymentWorker worker) {
        this.sql = new Sql(database);
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
        boolean learned = payment.amountCents == null;
        if (learned) {
            payment.amountCents = placed.totalCents();
            payment.paymentToken = placed.paymentToken();
        }
        move(payment, event, PaymentStatus::onOrderPlaced, learned);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReserved(IncomingEvent event) {
        move(lock(event), event, PaymentStatus::onStockReserved, false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void stockReservationFailed(IncomingEvent event) {
        move(lock(event), event, PaymentStatus::onStockReservationFailed, false);
    }

    private PaymentRow lock(IncomingEvent event) {
        return sql.one(CREATE_OR_LOCK, PaymentRow::read, event.orderId(), chargeKey(event.orderId())).orElseThrow();
    }

    /** Moves the state; writes the row if the state moved or {@code changed} says something else did. */
    private void move(PaymentRow payment, IncomingEvent event, UnaryOperator<PaymentStatus> transition,
                      boolean changed) {
        PaymentStatus next = transition.apply(payment.state);
        if (next != payment.state) {
            payment.moveTo(next);
            if (next == PaymentStatus.CHARGING) {
                payment.traceparent = event.trace().header();
                afterCommit.run(PaymentWorker.class, worker::wake);
            }
        } else if (!changed) {
            return;
        }
        sql.update(PaymentRow.SAVE, payment.saveParameters());
    }
}
