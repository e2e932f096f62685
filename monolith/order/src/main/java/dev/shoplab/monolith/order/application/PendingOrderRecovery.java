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

    @Scheduled(every = "${shoplab.orders.recover-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void recoverStaleOrders() {
        Instant now = OrderPlacement.now();
        for (OrderRow order : steps.pendingSince(now.minus(config.stalePendingAfter()), null, BATCH)) {
            try {
                recover(order, now);
            } catch (RuntimeException e) {
                // one order that cannot be concluded now must not hold back the younger ones behind it
                LOG.warnf("Could not recover order %s left PENDING, the next round tries again: %s", order.id, e);
            }
        }
    }

    private void recover(OrderRow order, Instant now) {
        Optional<PaymentResult> payment = payments.lookUp(order.id);
        boolean givingUp = order.createdAt.isBefore(now.minus(config.giveUpAfter()));
        if (payment.isEmpty() && !givingUp) {
            return; // the PSP cannot be asked right now: try again next round
        }
        PaymentResult result = payment.orElse(PaymentResult.unknown("the PSP could not be asked for "
                + config.giveUpAfter()));
        List<Demand> demands = order.lines.stream().map(l -> new Demand(l.sku, l.quantity)).toList();
        OrderOutcomeFollowsPayment.Conclusion conclusion = OrderOutcomeFollowsPayment.after(result.status());
        if (steps.conclude(order.id, order.customerId, order.totalCents, demands, result, conclusion,
                OrderPlacement.now())) {
            LOG.infof("Recovered order %s left PENDING: %s (%s)", order.id, conclusion.status(), result.detail());
        }
    }
}
