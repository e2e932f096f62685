package dev.shoplab.monolith.order.application;

import dev.shoplab.monolith.inventory.api.Demand;
import dev.shoplab.monolith.inventory.api.InventoryApi;
import dev.shoplab.monolith.inventory.api.OutOfStock;
import dev.shoplab.monolith.inventory.api.StockLevel;
import dev.shoplab.monolith.notification.api.NotificationApi;
import dev.shoplab.monolith.notification.api.NotificationKind;
import dev.shoplab.monolith.order.domain.OrderIds;
import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment.Conclusion;
import dev.shoplab.monolith.order.domain.OrderQuote;
import dev.shoplab.monolith.order.domain.OrderReason;
import dev.shoplab.monolith.order.domain.OrderStatus;
import dev.shoplab.monolith.order.domain.PlaceOrder;
import dev.shoplab.monolith.order.persistence.OrderRow;
import dev.shoplab.monolith.payment.api.PaymentApi;
import dev.shoplab.monolith.payment.api.PaymentResult;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The database transactions of an order, each one local ACID transaction across the contexts'
 * schemas: opening it (read the catalogue, write the order, reserve its stock), concluding it
 * (status, payment record, stock and notification together), and the reads. None of them is ever
 * open while the PSP is called, so no connection and no row lock waits on the network.
 */
@ApplicationScoped
public class OrderSteps {

    private final EntityManager em;
    private final InventoryApi inventory;
    private final PaymentApi payments;
    private final NotificationApi notifications;

    public OrderSteps(EntityManager em, InventoryApi inventory, PaymentApi payments, NotificationApi notifications) {
        this.em = em;
        this.inventory = inventory;
        this.payments = payments;
        this.notifications = notifications;
    }

    /**
     * The first transaction: an earlier order under the same key ends it; otherwise the request is
     * priced against the catalogue and either recorded REJECTED (out of stock, with its notification)
     * or written PENDING with its stock reserved. The order row is written before the reservation so
     * that the stock rows stay locked only from the reservation to the commit.
     *
     * @throws UnknownSkus when a line names a sku the catalogue does not have (nothing is written)
     */
    @Transactional
    @WithSpan("order: open (transaction 1)")
    public Opening open(PlaceOrder command, String idempotencyKey, String fingerprint) {
        if (idempotencyKey != null) {
            Optional<OrderRow> first = findByKey(idempotencyKey);
            if (first.isPresent()) {
                return new Opening.Repeat(first.get());
            }
        }
        OrderQuote quote = OrderQuote.price(command.lines(), catalogueFor(command));
        if (!quote.unknownSkus().isEmpty()) {
            throw new UnknownSkus(quote.unknownSkus());
        }
        Instant now = OrderPlacement.now();
        UUID orderId = OrderIds.next(now);
        if (!quote.shortSkus().isEmpty()) {
            OrderRow rejected = rejectedOutOfStock(orderId, command, quote, idempotencyKey, fingerprint, now);
            recordRejected(rejected);
            return new Opening.RejectedUpFront(rejected);
        }
        OrderRow pending = record(orderId, command, quote, OrderStatus.PENDING, null, idempotencyKey, fingerprint, now);
        List<Demand> demands = quote.lines().stream().map(l -> new Demand(l.sku(), l.quantity())).toList();
        em.persist(pending);
        em.flush();
        try {
            inventory.reserve(demands);
        } catch (OutOfStock raceLost) {
            QuarkusTransaction.setRollbackOnly();
            return new Opening.ReservationLost(rejectedOutOfStock(orderId, command, quote, idempotencyKey, fingerprint,
                    now));
        }
        return new Opening.Pending(pending, demands);
    }

    /** Writes an order that ends before any payment (out of stock), with its notification. */
    @Transactional
    public void recordRejected(OrderRow order) {
        em.persist(order);
        em.flush();
        notifications.orderConcluded(order.id, order.customerId, NotificationKind.ORDER_REJECTED);
    }

    /**
     * The second transaction: concludes a PENDING order after its payment: the status (only if it
     * is still PENDING, so that a request and the recovery job never both conclude it), the payment
     * record, the stock (sold or released) and the customer notification.
     *
     * @return false when the order was no longer PENDING (nothing written)
     */
    @Transactional
    @WithSpan("order: conclude (transaction 2)")
    public boolean conclude(UUID orderId, String customerId, long totalCents, List<Demand> demands, PaymentResult payment,
                     Conclusion conclusion, Instant now) {
        int moved = em.createQuery("update OrderRow o set o.status = :status, o.reason = :reason, o.updatedAt = :now"
                        + " where o.id = :id and o.status = :pending")
                .setParameter("status", conclusion.status())
                .setParameter("reason", conclusion.reason())
                .setParameter("now", now)
                .setParameter("id", orderId)
                .setParameter("pending", OrderStatus.PENDING)
                .executeUpdate();
        if (moved == 0) {
            return false;
        }
        payments.record(orderId, totalCents, payment);
        if (conclusion.keepsStock()) {
            inventory.commitReservation(demands);
        } else {
            inventory.releaseReservation(demands);
        }
        notifications.orderConcluded(orderId, customerId, switch (conclusion.status()) {
            case CONFIRMED -> NotificationKind.ORDER_CONFIRMED;
            case REJECTED -> NotificationKind.ORDER_REJECTED;
            default -> NotificationKind.ORDER_FAILED;
        });
        return true;
    }

    /** A read in a transaction of its own, so that its connection goes back to the pool at once. */
    @Transactional
    public Optional<OrderRow> find(UUID orderId) {
        return em.createQuery("select o from OrderRow o left join fetch o.lines where o.id = :id", OrderRow.class)
                .setParameter("id", orderId)
                .getResultList().stream()
                .findFirst();
    }

    /** The order placed with this key, if any (getResultList: Hibernate's result stream scrolls, heavier for one row). */
    @Transactional
    public Optional<OrderRow> findByKey(String idempotencyKey) {
        return em.createQuery("select o from OrderRow o left join fetch o.lines where o.idempotencyKey = :key",
                        OrderRow.class)
                .setParameter("key", idempotencyKey)
                .getResultList().stream()
                .findFirst();
    }

    /**
     * Up to {@code limit} PENDING orders created before {@code createdBefore}, oldest first (by creation time, then
     * id), with their lines; only those after {@code after} when it is given, so that a walk through them in batches
     * goes on past orders that are still PENDING.
     *
     * @param after where the previous batch ended, or null to start with the oldest
     */
    @Transactional
    public List<OrderRow> pendingSince(Instant createdBefore, PendingAfter after, int limit) {
        var query = em.createQuery("select o.id from OrderRow o where o.status = :pending and o.createdAt < :before"
                        + (after == null ? "" : " and (o.createdAt > :afterCreatedAt"
                                + " or (o.createdAt = :afterCreatedAt and o.id > :afterId))")
                        + " order by o.createdAt, o.id", UUID.class)
                .setParameter("pending", OrderStatus.PENDING)
                .setParameter("before", createdBefore)
                .setMaxResults(limit);
        if (after != null) {
            query.setParameter("afterCreatedAt", after.createdAt()).setParameter("afterId", after.id());
        }
        List<UUID> ids = query.getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select distinct o from OrderRow o left join fetch o.lines where o.id in :ids"
                        + " order by o.createdAt, o.id", OrderRow.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /** A place in the PENDING orders, oldest first: just after the order {@code id}, created at {@code createdAt}. */
    public record PendingAfter(Instant createdAt, UUID id) {

        public static PendingAfter of(OrderRow order) {
            return new PendingAfter(order.createdAt, order.id);
        }
    }

    private Map<String, OrderQuote.CatalogueEntry> catalogueFor(PlaceOrder command) {
        Set<String> skus = new LinkedHashSet<>();
        command.lines().forEach(line -> skus.add(line.sku()));
        Map<String, OrderQuote.CatalogueEntry> catalogue = new LinkedHashMap<>();
        for (StockLevel level : inventory.levels(skus).values()) {
            catalogue.put(level.sku(), new OrderQuote.CatalogueEntry(level.sku(), level.priceCents(), level.available()));
        }
        return catalogue;
    }

    private static OrderRow rejectedOutOfStock(UUID orderId, PlaceOrder command, OrderQuote quote,
                                                  String idempotencyKey, String fingerprint, Instant now) {
        Conclusion outOfStock = OrderOutcomeFollowsPayment.outOfStock();
        return record(orderId, command, quote, outOfStock.status(), outOfStock.reason(), idempotencyKey, fingerprint, now);
    }

    private static OrderRow record(UUID orderId, PlaceOrder command, OrderQuote quote, OrderStatus status,
                                      OrderReason reason, String idempotencyKey, String fingerprint, Instant now) {
        List<OrderRow.Line> lines = quote.lines().stream()
                .map(l -> new OrderRow.Line(l.sku(), l.quantity(), l.unitPriceCents()))
                .toList();
        return new OrderRow(orderId, command.customerId(), status, reason, quote.totalCents(), idempotencyKey,
                fingerprint, now, lines);
    }
}
