package dev.shoplab.monolith.order.application;

import dev.shoplab.monolith.inventory.api.Demand;
import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.monolith.order.persistence.OrderRow;
import dev.shoplab.monolith.payment.api.PaymentApi;
import dev.shoplab.monolith.payment.api.PaymentResult;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Concludes orders left PENDING by a request that died between its two transactions (a crash, a
 * lost database connection): it asks the PSP what became of the order's charge (by its idempotency
 * key, the order id) and concludes the order accordingly, exactly as the request would have. While
 * the PSP cannot be asked the order waits, up to a bound after which it fails (and the late-capture
 * check refunds a charge that shows up later).
 */
@ApplicationScoped
public class PendingOrderRecovery {

    private static final Logger LOG = Logger.getLogger(PendingOrderRecovery.class);
    private static final int BATCH = 20;

    private final OrderSteps steps;
    private final PaymentApi payments;
    private final OrderConfig config;

    public PendingOrderRecovery(OrderSteps steps, PaymentApi payments, OrderConfig config) {
        this.steps = steps;
        this.payments = payments;
        this.config = config;
    }

    /**
     * Concludes every order that has been PENDING for longer than {@code shoplab.orders.stale-pending-after}, oldest
     * first, {@value #BATCH} at a time: a full batch is followed by the next one in the same round, so a backlog (a
     * crash under load leaves hundreds) is worked off at the pace of the PSP lookups, not 20 a round. Each batch starts
     * after the last order of the one before, so an order the round cannot conclude (the PSP cannot be asked, or its
     * conclusion failed) stays PENDING for the next round and is asked about once in this one, not again by every batch
     * behind it. A round ends with a batch that was not full, or one in which no order was concluded (most likely the
     * PSP cannot be asked: one batch of lookups a round is enough to learn that); only orders already stale when it
     * began are read, each once, so a round always ends.
     */
    @Scheduled(every = "${shoplab.orders.recover-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void recoverStaleOrders() {
        Instant now = OrderPlacement.now();
        Instant staleBefore = now.minus(config.stalePendingAfter());
        OrderSteps.PendingAfter after = null;
        List<OrderRow> stale;
        int concluded;
        do {
            stale = steps.pendingSince(staleBefore, after, BATCH);
            concluded = 0;
            for (OrderRow order : stale) {
                try {
                    if (recover(order, now)) {
                        concluded++;
                    }
                } catch (RuntimeException e) {
                    // one order that cannot be concluded now must not hold back the younger ones behind it
                    LOG.warnf("Could not recover order %s left PENDING, the next round tries again: %s", order.id, e);
                }
            }
            if (!stale.isEmpty()) {
                after = OrderSteps.PendingAfter.of(stale.get(stale.size() - 1));
            }
        } while (stale.size() == BATCH && concluded > 0);
    }

    /** @return false when the order waits for the next round (the PSP cannot be asked, and it is not given up yet) */
    private boolean recover(OrderRow order, Instant now) {
        Optional<PaymentResult> payment = payments.lookUp(order.id);
        boolean givingUp = order.createdAt.isBefore(now.minus(config.giveUpAfter()));
        if (payment.isEmpty() && !givingUp) {
            return false; // the PSP cannot be asked right now: try again next round
        }
        PaymentResult result = payment.orElse(PaymentResult.unknown("the PSP could not be asked for "
                + config.giveUpAfter()));
        List<Demand> demands = order.lines.stream().map(l -> new Demand(l.sku, l.quantity)).toList();
        OrderOutcomeFollowsPayment.Conclusion conclusion = OrderOutcomeFollowsPayment.after(result.status());
        if (steps.conclude(order.id, order.customerId, order.totalCents, demands, result, conclusion,
                OrderPlacement.now())) {
            LOG.infof("Recovered order %s left PENDING: %s (%s)", order.id, conclusion.status(), result.detail());
        }
        return true; // concluded, here or by its own request meanwhile
    }
}
