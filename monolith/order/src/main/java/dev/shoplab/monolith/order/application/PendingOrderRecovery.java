package dev.shoplab.monolith.order.application;

import dev.shoplab.monolith.inventory.api.Demand;
import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.monolith.order.persistence.OrderRow;
import dev.shoplab.monolith.payment.api.PaymentApi;
import dev.shoplab.monolith.payment.api.PaymentLookup;
import dev.shoplab.monolith.payment.api.PaymentResult;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
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
     * after the last order of the one before, so an order the round cannot conclude (the PSP still holds its charge,
     * or its conclusion failed) stays PENDING for the next round and is asked about once in this one, not again by
     * every batch behind it. A round ends with a batch that was not full, or one in which no lookup told anything and
     * no order was given up (the PSP cannot be asked: one batch of lookups a round is enough to learn that); only
     * orders already stale when it began are read, each once, so a round always ends.
     */
    @Scheduled(every = "${shoplab.orders.recover-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void recoverStaleOrders() {
        Instant now = OrderPlacement.now();
        Instant staleBefore = now.minus(config.stalePendingAfter());
        OrderSteps.PendingAfter after = null;
        List<OrderRow> stale;
        int progressed;
        do {
            stale = steps.pendingSince(staleBefore, after, BATCH);
            progressed = 0;
            for (OrderRow order : stale) {
                if (recover(order, now)) {
                    progressed++;
                }
            }
            if (!stale.isEmpty()) {
                after = OrderSteps.PendingAfter.of(stale.get(stale.size() - 1));
            }
        } while (stale.size() == BATCH && progressed > 0);
    }

    /**
     * Concludes the order from what the PSP holds for its charge, or leaves it for the next round.
     *
     * @return false when the lookup told nothing and the order is not given up yet: the PSP cannot be asked
     */
    private boolean recover(OrderRow order, Instant now) {
        PaymentLookup lookup;
        try {
            lookup = payments.lookUp(order.id);
        } catch (RuntimeException e) {
            LOG.warnf("Could not look up the charge of order %s left PENDING, the next round tries again: %s",
                    order.id, e);
            lookup = PaymentLookup.failed();
        }
        boolean givingUp = order.createdAt.isBefore(now.minus(config.giveUpAfter()));
        if (lookup.result().isEmpty() && !givingUp) {
            return lookup.told(); // the PSP still holds the charge, or cannot be asked: next round
        }
        PaymentResult result = lookup.result().orElseGet(() -> PaymentResult.unknown("the PSP gave no result for "
                + config.giveUpAfter()));
        List<Demand> demands = order.lines.stream().map(l -> new Demand(l.sku, l.quantity)).toList();
        OrderOutcomeFollowsPayment.Conclusion conclusion = OrderOutcomeFollowsPayment.after(result.status());
        try {
            if (steps.conclude(order.id, order.customerId, order.totalCents, demands, result, conclusion,
                    OrderPlacement.now())) {
                LOG.infof("Recovered order %s left PENDING: %s (%s)", order.id, conclusion.status(), result.detail());
            }
        } catch (RuntimeException e) {
            // one order that cannot be concluded now must not hold back the younger ones behind it
            LOG.warnf("Could not recover order %s left PENDING, the next round tries again: %s", order.id, e);
        }
        return true; // the PSP told: concluded here, by its own request meanwhile, or to be tried again next round
    }
}
