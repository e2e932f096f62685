package dev.shoplab.monolith.order.application;

import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment.Conclusion;
import dev.shoplab.monolith.order.domain.PlaceOrder;
import dev.shoplab.monolith.order.domain.SameKeyMeansSameRequest;
import dev.shoplab.monolith.order.persistence.OrderRow;
import dev.shoplab.monolith.payment.api.PaymentApi;
import dev.shoplab.monolith.payment.api.PaymentResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Order placement: validate → reserve stock → charge → confirm → notify. Two short local
 * transactions frame the PSP call (see docs/adr/0004-monolith-order-transaction.md): the first
 * writes the PENDING order with its reservation, the second concludes it with the payment record,
 * the stock and the notification. No transaction, connection or row lock is held while the PSP is
 * asked.
 */
@ApplicationScoped
public class OrderPlacement {

    private static final String IDEMPOTENCY_CONSTRAINT = "orders_idempotency_key_unique";

    private final OrderSteps steps;
    private final PaymentApi payments;
    private final OrderConfig config;

    public OrderPlacement(OrderSteps steps, PaymentApi payments, OrderConfig config) {
        this.steps = steps;
        this.payments = payments;
        this.config = config;
    }

    /**
     * Places an order and returns it concluded (CONFIRMED, REJECTED or FAILED). With an idempotency
     * key, a repeated request returns the first order instead of placing another one.
     *
     * @param idempotencyKey the client's key, or null
     * @throws UnknownSkus when a line names a sku the catalogue does not have (nothing is written)
     * @throws IdempotencyKeyReused when the key was first used for a different request
     */
    public PlacedOrder place(PlaceOrder command, String idempotencyKey) {
        String fingerprint = SameKeyMeansSameRequest.fingerprint(command);
        Opening opening = open(command, idempotencyKey, fingerprint);
        if (opening instanceof Opening.Repeat repeat) {
            return replay(repeat.first(), idempotencyKey, command);
        }
        if (opening instanceof Opening.RejectedUpFront rejected) {
            return fresh(rejected.order().toView());
        }
        if (opening instanceof Opening.ReservationLost lost) {
            // another order took the units between our read and our reservation; nothing was written
            try {
                steps.recordRejected(lost.rejected());
            } catch (PersistenceException e) {
                return replayIfKeyTaken(e, command, idempotencyKey);
            }
            return fresh(lost.rejected().toView());
        }
        Opening.Pending pending = (Opening.Pending) opening;
        OrderRow order = pending.order();
        PaymentResult payment = payments.charge(order.id, order.totalCents, command.paymentToken());
        Conclusion conclusion = OrderOutcomeFollowsPayment.after(payment.status());
        Instant concludedAt = now();
        if (!steps.conclude(order.id, order.customerId, order.totalCents, pending.demands(), payment, conclusion,
                concludedAt)) {
            // the recovery job concluded it first (it found it stale): its conclusion stands
            return fresh(steps.find(order.id).orElseThrow().toView());
        }
        OrderView placed = order.toView();
        return fresh(new OrderView(placed.orderId(), placed.customerId(), conclusion.status(), conclusion.reason(),
                placed.lines(), placed.totalCents(), placed.createdAt(), concludedAt));
    }

    /** The order with this id, if there is one. */
    public Optional<OrderView> find(UUID orderId) {
        return steps.find(orderId).map(OrderRow::toView);
    }

    /** The first transaction; a concurrent request that won the insert under the same key makes this one a repeat. */
    private Opening open(PlaceOrder command, String idempotencyKey, String fingerprint) {
        try {
            return steps.open(command, idempotencyKey, fingerprint);
        } catch (PersistenceException e) {
            if (idempotencyKey != null && isKeyTaken(e)) {
                return steps.open(command, idempotencyKey, fingerprint);
            }
            throw e;
        }
    }

    private PlacedOrder replayIfKeyTaken(PersistenceException e, PlaceOrder command, String idempotencyKey) {
        if (idempotencyKey != null && isKeyTaken(e)) {
            return replay(steps.findByKey(idempotencyKey).orElseThrow(() -> e), idempotencyKey, command);
        }
        throw e;
    }

    /** The first order of a key, once it has concluded (waiting a bounded time if it is still in flight). */
    private PlacedOrder replay(OrderRow first, String idempotencyKey, PlaceOrder repeat) {
        if (!SameKeyMeansSameRequest.sameRequest(first.requestFingerprint, repeat)) {
            throw new IdempotencyKeyReused(idempotencyKey, first.id);
        }
        OrderView order = first.toView();
        long deadline = System.nanoTime() + config.replayWait().toNanos();
        while (!order.status().terminal() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
            order = find(first.id).orElse(order);
        }
        return new PlacedOrder(order, true);
    }

    private static boolean isKeyTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && IDEMPOTENCY_CONSTRAINT.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private static PlacedOrder fresh(OrderView order) {
        return new PlacedOrder(order, false);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
