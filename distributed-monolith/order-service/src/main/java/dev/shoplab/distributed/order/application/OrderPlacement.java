package dev.shoplab.distributed.order.application;

import dev.shoplab.distributed.order.client.InventoryClient;
import dev.shoplab.distributed.order.client.NotificationClient;
import dev.shoplab.distributed.order.client.PaymentClient;
import dev.shoplab.distributed.order.domain.OrderIds;
import dev.shoplab.distributed.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.distributed.order.domain.OrderQuote;
import dev.shoplab.distributed.order.domain.OrderReason;
import dev.shoplab.distributed.order.domain.OrderStatus;
import dev.shoplab.distributed.order.domain.PlaceOrder;
import dev.shoplab.distributed.order.domain.SameKeyMeansSameRequest;
import dev.shoplab.distributed.order.persistence.OrderLineRow;
import dev.shoplab.distributed.order.persistence.OrderRow;
import dev.shoplab.distributed.order.persistence.OrderStore;
import dev.shoplab.edge.ProblemException;
import dev.shoplab.edge.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Order placement as the distributed monolith does it: price (inventory) → write the PENDING order →
 * reserve stock (inventory) → charge (payment → PSP) → confirm the reservation (inventory) → conclude →
 * notify (notification → mail). Every arrow to another service is a blocking HTTP call through the
 * mesh; what went wrong half way is undone by hand in the catch blocks ({@link Compensations}).
 */
@ApplicationScoped
public class OrderPlacement {

    private static final Logger LOG = Logger.getLogger(OrderPlacement.class);

    private final OrderStore store;
    private final InventoryClient inventory;
    private final PaymentClient payments;
    private final NotificationClient notifications;
    private final Compensations compensations;
    private final OrderConfig config;
    private final MeterRegistry metrics;

    public OrderPlacement(OrderStore store, @RestClient InventoryClient inventory, @RestClient PaymentClient payments,
                   @RestClient NotificationClient notifications, Compensations compensations, OrderConfig config,
                   MeterRegistry metrics) {
        this.store = store;
        this.inventory = inventory;
        this.payments = payments;
        this.notifications = notifications;
        this.compensations = compensations;
        this.config = config;
        this.metrics = metrics;
    }

    /** Places an order (or, for a key seen before, answers the first order); the order once it has ended. */
    public PlacedOrder place(PlaceOrder command, String idempotencyKey) {
        String fingerprint = SameKeyMeansSameRequest.fingerprint(command);
        if (idempotencyKey != null) {
            Optional<OrderRow> first = store.findByKey(idempotencyKey);
            if (first.isPresent()) {
                return replay(first.get(), idempotencyKey, fingerprint);
            }
        }
        OrderQuote quote = OrderQuote.price(command.lines(), prices(command));
        if (!quote.unknownSkus().isEmpty()) {
            throw new ProblemException(Problems.unknownSkus(quote.unknownSkus()));
        }
        OrderRow order = pending(command, quote, idempotencyKey, fingerprint);
        try {
            store.insertPending(order);
        } catch (PersistenceException e) {
            if (idempotencyKey != null && OrderStore.keyTaken(e)) {
                // a concurrent request with the same key wrote its order first: answer like a repeat
                return replay(store.findByKey(idempotencyKey).orElseThrow(() -> e), idempotencyKey, fingerprint);
            }
            throw e;
        }
        OrderOutcomeFollowsPayment outcome = orchestrate(order.id, command, quote);
        OrderRow concluded = store.conclude(order.id, outcome.status(), outcome.reason(), outcome.paymentId());
        notifyCustomer(concluded);
        metrics.counter("shoplab.orders", "status", outcome.status().name()).increment();
        return new PlacedOrder(concluded, false);
    }

    public Optional<OrderRow> find(UUID orderId) {
        return store.find(orderId);
    }

    // Anti-pattern: one business transaction spread over four databases by blocking calls. The order waits
    // for the slowest service on its path (and for the mesh's retries of it), and when a step fails after
    // others succeeded, their work has to be undone by hand, with more calls that can fail in turn.
    private OrderOutcomeFollowsPayment orchestrate(UUID orderId, PlaceOrder command, OrderQuote quote) {
        // 1. reserve the stock
        try {
            inventory.reserve(new InventoryClient.ReserveRequest(orderId, quote.lines().stream()
                    .map(l -> new InventoryClient.Line(l.sku(), l.quantity())).toList()));
        } catch (InventoryClient.OutOfStock e) {
            return OrderOutcomeFollowsPayment.rejected(OrderReason.OUT_OF_STOCK);
        } catch (RuntimeException e) {
            // Anti-pattern: a failed call is not a reservation that was not made. When the answer was lost (a
            // timeout, a try the mesh cut and retried) the units may be held all the same, and nobody releases them.
            LOG.warnf("Order %s: reserving stock failed: %s", orderId, e.getMessage());
            return OrderOutcomeFollowsPayment.failed(OrderReason.INVENTORY_UNAVAILABLE, null);
        }
        // 2. charge the payment
        PaymentClient.Payment payment;
        try {
            payment = payments.charge(new PaymentClient.ChargeRequest(orderId, quote.totalCents(), command.paymentToken()));
        } catch (PaymentClient.PaymentDeclined e) {
            compensations.releaseStock(orderId);
            return OrderOutcomeFollowsPayment.rejected(OrderReason.PAYMENT_DECLINED);
        } catch (RuntimeException e) {
            // Anti-pattern: "the call failed" is taken for "no money was taken". A charge whose answer was lost
            // may have been captured (twice, when the mesh retried the call into payment-service): the stock is
            // released, the money stays with the PSP, and nobody asks.
            LOG.warnf("Order %s: charging failed: %s", orderId, e.getMessage());
            compensations.releaseStock(orderId);
            return OrderOutcomeFollowsPayment.failed(OrderReason.PAYMENT_UNAVAILABLE, null);
        }
        // 3. confirm the reservation: the units are sold
        try {
            inventory.confirm(orderId);
        } catch (RuntimeException e) {
            LOG.warnf("Order %s: confirming the reservation failed: %s", orderId, e.getMessage());
            compensations.refund(orderId, payment.paymentId());
            compensations.releaseStock(orderId);
            return OrderOutcomeFollowsPayment.failed(OrderReason.CONFIRMATION_FAILED, payment.paymentId());
        }
        return OrderOutcomeFollowsPayment.confirmed(payment.paymentId());
    }

    // Anti-pattern: the customer's mail is one more blocking call on the order's path: the client hears that its
    // order is confirmed only after notification-service, the mail provider and the mesh's retries of both.
    private void notifyCustomer(OrderRow order) {
        try {
            notifications.send(new NotificationClient.NotifyRequest(order.id, order.customerId,
                    order.status.notificationKind())).close();
        } catch (RuntimeException e) {
            LOG.warnf("Order %s: the %s mail was not sent: %s", order.id, order.status.notificationKind(), e.getMessage());
            metrics.counter("shoplab.notifications.failed").increment();
        }
    }

    /**
     * The catalogue prices of the order's skus, from inventory-service; 503 if it does not answer (nothing written yet).
     * The skus go in the query string, as many per call as fit {@link #PRICING_QUERY_CHARACTERS}: 50 skus of 32
     * characters that all need percent-encoding would make a request target past the 4096 that the mesh's listener and
     * inventory-service's edge take (a 414, which must not become this order's 503).
     */
    private Map<String, Long> prices(PlaceOrder command) {
        List<String> skus = command.lines().stream().map(PlaceOrder.Line::sku).distinct().toList();
        try {
            Map<String, Long> prices = new LinkedHashMap<>();
            for (List<String> batch : pricingBatches(skus)) {
                inventory.levels(batch).items().forEach(level -> prices.put(level.sku(), level.priceCents()));
            }
            return prices;
        } catch (RuntimeException e) {
            LOG.warnf("Pricing failed: %s", e.getMessage());
            throw new ProblemException(OrderProblems.serviceUnavailable("inventory-service", "pricing the order"));
        }
    }

    /**
     * The most characters the skus of one pricing call may take in its query string ({@code sku=…&}, each byte of a
     * sku counted as a percent-encoded {@code %XX}): half the 4096-character request target every hop takes.
     */
    static final int PRICING_QUERY_CHARACTERS = 2048;

    /** {@code skus} in order, cut into batches whose query strings fit {@link #PRICING_QUERY_CHARACTERS}. */
    static List<List<String>> pricingBatches(List<String> skus) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int characters = 0;
        for (String sku : skus) {
            int cost = "sku=&".length() + 3 * sku.getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && characters + cost > PRICING_QUERY_CHARACTERS) {
                batches.add(batch);
                batch = new ArrayList<>();
                characters = 0;
            }
            batch.add(sku);
            characters += cost;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** The first order of a key, once it has ended (waiting a bounded time while it is still being placed). */
    private PlacedOrder replay(OrderRow first, String idempotencyKey, String fingerprint) {
        if (!first.requestFingerprint.equals(fingerprint)) {
            throw new ProblemException(OrderProblems.idempotencyKeyReused(idempotencyKey, first.id));
        }
        OrderRow order = first;
        long deadline = System.nanoTime() + config.replayWait().toNanos();
        while (!order.status.terminal() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(config.replayPoll().toNanos());
            order = store.find(first.id).orElse(order);
        }
        return new PlacedOrder(order, true);
    }

    private static OrderRow pending(PlaceOrder command, OrderQuote quote, String idempotencyKey, String fingerprint) {
        OrderRow order = new OrderRow();
        order.id = OrderIds.next(Instant.now());
        order.customerId = command.customerId();
        order.status = OrderStatus.PENDING;
        order.totalCents = quote.totalCents();
        order.idempotencyKey = idempotencyKey;
        order.requestFingerprint = fingerprint;
        Instant now = OrderStore.now();
        order.createdAt = now;
        order.updatedAt = now;
        quote.lines().forEach(l -> order.lines.add(new OrderLineRow(l.sku(), l.quantity(), l.unitPriceCents())));
        return order;
    }
}
