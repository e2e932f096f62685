package dev.shoplab.distributed.order.application;

import dev.shoplab.distributed.order.client.InventoryClient;
import dev.shoplab.distributed.order.client.PaymentClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The hand-written compensations of order placement: give a reservation back, refund a charge. Each is
 * one more remote call through the mesh, and can fail like any other: a failure is logged and counted
 * ({@code shoplab_compensations_total{kind, outcome}}), and what it should have undone stays done.
 */
// created at start-up, so that the four counters are published (at 0) before the first compensation
@Startup
@ApplicationScoped
public class Compensations {

    private static final Logger LOG = Logger.getLogger(Compensations.class);

    private final InventoryClient inventory;
    private final PaymentClient payments;
    private final Counter releasedOk;
    private final Counter releaseFailed;
    private final Counter refundedOk;
    private final Counter refundFailed;

    public Compensations(@RestClient InventoryClient inventory, @RestClient PaymentClient payments, MeterRegistry metrics) {
        this.inventory = inventory;
        this.payments = payments;
        this.releasedOk = counter(metrics, "release_stock", "succeeded");
        this.releaseFailed = counter(metrics, "release_stock", "failed");
        this.refundedOk = counter(metrics, "refund", "succeeded");
        this.refundFailed = counter(metrics, "refund", "failed");
    }

    /** Gives the order's reserved units back to inventory-service. */
    public void releaseStock(UUID orderId) {
        try {
            inventory.release(orderId);
            releasedOk.increment();
        } catch (RuntimeException e) {
            // Anti-pattern: nothing retries a failed compensation later; the units stay reserved for good (or sold,
            // when the confirm did commit and only its answer was lost: inventory refuses to release it, 409).
            LOG.errorf("Compensation failed: the reservation of order %s was not released, its units stay reserved"
                    + " (or sold, if it was confirmed): %s",
                    orderId, e.getMessage());
            releaseFailed.increment();
        }
    }

    /** Refunds the order's payment at payment-service. */
    public void refund(UUID orderId, UUID paymentId) {
        try {
            payments.refund(paymentId);
            refundedOk.increment();
        } catch (RuntimeException e) {
            // Anti-pattern: nothing retries a failed compensation later; the customer's money stays captured.
            LOG.errorf("Compensation failed: payment %s of order %s was not refunded, the money stays captured: %s",
                    paymentId, orderId, e.getMessage());
            refundFailed.increment();
        }
    }

    private static Counter counter(MeterRegistry metrics, String kind, String outcome) {
        return Counter.builder("shoplab.compensations")
                .description("Compensations order-service ran, by kind (release_stock, refund) and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(metrics);
    }
}
