package dev.shoplab.eventdriven.inventory.application;

import dev.shoplab.eventdriven.inventory.domain.Demand;
import dev.shoplab.eventdriven.inventory.domain.DemandsInLockOrder;
import dev.shoplab.eventdriven.inventory.domain.StockMustNotGoNegative;
import dev.shoplab.eventdriven.inventory.domain.ReservationStatus;
import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.Snapshot;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockCommitted;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockLine;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReleased;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReservationFailed;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReserved;
import dev.shoplab.eventdriven.inventory.persistence.ReservationLineRow;
import dev.shoplab.eventdriven.inventory.persistence.ReservationRow;
import dev.shoplab.eventdriven.inventory.persistence.StockRow;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the stock: every move locks the rows it touches (in sku order, so two orders never deadlock),
 * changes them, records the reservation and appends the resulting event, with the new stock levels, to
 * the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class StockKeeper {

    private static final int MAX_DETAIL = 1000;

    private final EntityManager em;

    private final Outbox outbox;

    private final MeterRegistry metrics;

    StockKeeper(EntityManager em, Outbox outbox, MeterRegistry metrics) {
        this.em = em;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    private Counter releases;

    @PostConstruct
    void meters() {
        releases = metrics.counter("shoplab.compensations", "kind", "stock-release", "outcome", "succeeded");
    }

    /** OrderPlaced: hold every line, or nothing and say what is short. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reserve(IncomingEvent event, List<Demand> lines) {
        String orderId = event.orderId();
        if (em.find(ReservationRow.class, orderId) != null) {
            return; // decided already (the same order placed twice would be a producer bug; never hold twice)
        }
        SortedMap<String, Integer> wanted = DemandsInLockOrder.of(lines);
        Map<String, StockRow> items = lockInSkuOrder(wanted.keySet());
        StockMustNotGoNegative.Decision decision = StockMustNotGoNegative.decide(lines, items.values().stream()
                .collect(Collectors.toMap(i -> i.sku, StockRow::level)));
        if (!decision.reservable()) {
            em.persist(ReservationRow.of(orderId, ReservationStatus.REFUSED));
            outbox.append(orderId, new StockReservationFailed("OUT_OF_STOCK", describe(decision.shortages()),
                    decision.shortages()), event.trace());
            return;
        }
        em.persist(ReservationRow.of(orderId, ReservationStatus.RESERVED));
        List<ReservationLineRow> held = new ArrayList<>();
        decision.quantities().forEach((sku, quantity) -> {
            StockRow item = items.get(sku);
            item.apply(item.level().reserve(quantity));
            held.add(ReservationLineRow.of(orderId, sku, quantity));
        });
        held.forEach(em::persist);
        outbox.append(orderId, new StockReserved(stockLines(held), snapshots(items.values())), event.trace());
    }

    /** PaymentSucceeded: the held units are sold. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commit(IncomingEvent event) {
        settle(event, ReservationStatus.SOLD, StockLevel::sell, (lines, stock) ->
                outbox.append(event.orderId(), new StockCommitted(lines, stock), event.trace()));
    }

    /** PaymentFailed: compensation, the held units are available again; the payment's reason goes along. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(IncomingEvent event, InventoryEvents.PaymentFailed failed) {
        settle(event, ReservationStatus.RELEASED, StockLevel::release, (lines, stock) -> {
            outbox.append(event.orderId(), new StockReleased(lines, failed.reason(), failed.detail(), stock),
                    event.trace());
            releases.increment();
        });
    }

    /** Moves a RESERVED reservation to {@code next}, applying {@code move} to each held line, then reports it. */
    private void settle(IncomingEvent event, ReservationStatus next, StockMove move, Settled settled) {
        ReservationRow reservation = em.find(ReservationRow.class, event.orderId(), LockModeType.PESSIMISTIC_WRITE);
        if (reservation == null || !reservation.state.settles()) {
            return; // refused (nothing held) or settled already
        }
        List<ReservationLineRow> lines = em.createQuery("from ReservationLineRow where orderId = :orderId order by sku",
                ReservationLineRow.class).setParameter("orderId", event.orderId()).getResultList();
        Map<String, StockRow> items = lockInSkuOrder(lines.stream().map(l -> l.sku).toList());
        for (ReservationLineRow line : lines) {
            StockRow item = items.get(line.sku);
            item.apply(move.apply(item.level(), line.quantity));
        }
        reservation.moveTo(next);
        settled.report(stockLines(lines), snapshots(items.values()));
    }

    private Map<String, StockRow> lockInSkuOrder(Collection<String> skus) {
        return em.createQuery("from StockRow where sku in :skus order by sku", StockRow.class)
                .setParameter("skus", skus)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream()
                .collect(Collectors.toMap(i -> i.sku, Function.identity()));
    }

    private static List<StockLine> stockLines(List<ReservationLineRow> lines) {
        return lines.stream().map(l -> new StockLine(l.sku, l.quantity)).toList();
    }

    /** Snapshots of rows after a change, in sku order. */
    static List<Snapshot> snapshots(Collection<StockRow> items) {
        return items.stream().sorted(Comparator.comparing((StockRow i) -> i.sku))
                .map(i -> new Snapshot(i.sku, i.priceCents, i.available, i.reserved, i.revision)).toList();
    }

    private static String describe(List<StockMustNotGoNegative.Shortage> shortages) {
        String detail = shortages.stream()
                .map(s -> s.sku() + ": " + s.requested() + " requested, " + s.available() + " available")
                .collect(Collectors.joining("; "));
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** A move of held units. */
    @FunctionalInterface
    private interface StockMove {
        StockLevel apply(StockLevel level, int quantity);
    }

    /** What to publish once a reservation is settled. */
    @FunctionalInterface
    private interface Settled {
        void report(List<StockLine> lines, List<Snapshot> stock);
    }
}
