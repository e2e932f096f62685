package dev.shoplab.eventdriven.inventory;

import dev.shoplab.eventdriven.inventory.domain.Reservations;
import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.Snapshot;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockLevelsChanged;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockLine;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReleased;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReservationFailed;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReserved;
import dev.shoplab.eventdriven.inventory.persistence.Reservation;
import dev.shoplab.eventdriven.inventory.persistence.ReservationLine;
import dev.shoplab.eventdriven.inventory.persistence.StockItem;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the stock: every move locks the rows it touches (in sku order), changes them, records the
 * reservation and appends the resulting events to the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class StockKeeper {

    private static final int MAX_DETAIL = 1000;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** OrderPlaced: hold every line, or nothing and say what is short. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reserve(IncomingEvent event, List<Reservations.Line> lines) {
        String orderId = event.orderId();
        if (em.find(Reservation.class, orderId) != null) {
            return; // decided already (the same order placed twice would be a producer bug; do not hold twice)
        }
        SortedMap<String, Integer> wanted = Reservations.quantitiesBySku(lines);
        Map<String, StockItem> items = lockInSkuOrder(wanted.keySet());
        Reservations.Decision decision = Reservations.decide(lines, items.values().stream()
                .collect(Collectors.toMap(i -> i.sku, StockItem::level)));
        if (!decision.reservable()) {
            em.persist(Reservation.of(orderId, Reservation.State.REFUSED));
            outbox.append(orderId, new StockReservationFailed("OUT_OF_STOCK", describe(decision.shortages()),
                    decision.shortages()), event.trace());
            return;
        }
        em.persist(Reservation.of(orderId, Reservation.State.RESERVED));
        List<ReservationLine> held = new ArrayList<>();
        decision.quantities().forEach((sku, quantity) -> {
            StockItem item = items.get(sku);
            item.apply(item.level().reserve(quantity));
            held.add(ReservationLine.of(orderId, sku, quantity));
        });
        held.forEach(em::persist);
        outbox.append(orderId, new StockReserved(stockLines(held)), event.trace());
        outbox.append(orderId, new StockLevelsChanged(snapshots(items.values())), event.trace());
    }

    /** OrderConfirmed: the held units are sold. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sell(IncomingEvent event) {
        settle(event, Reservation.State.SOLD, StockLevel::sell);
    }

    /** OrderRejected or OrderFailed: compensation, the held units are available again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(IncomingEvent event) {
        List<ReservationLine> released = settle(event, Reservation.State.RELEASED, StockLevel::release);
        if (!released.isEmpty()) {
            outbox.append(event.orderId(), new StockReleased(stockLines(released), event.type()), event.trace());
        }
    }

    /** Moves a RESERVED reservation to {@code next}, applying {@code move} to each held line; returns those lines. */
    private List<ReservationLine> settle(IncomingEvent event, Reservation.State next, StockMove move) {
        Reservation reservation = em.find(Reservation.class, event.orderId(), LockModeType.PESSIMISTIC_WRITE);
        if (reservation == null || reservation.state != Reservation.State.RESERVED) {
            return List.of(); // refused (nothing held) or settled already
        }
        List<ReservationLine> lines = em.createQuery("from ReservationLine where orderId = :orderId order by sku",
                ReservationLine.class).setParameter("orderId", event.orderId()).getResultList();
        Map<String, StockItem> items = lockInSkuOrder(lines.stream().map(l -> l.sku).toList());
        for (ReservationLine line : lines) {
            StockItem item = items.get(line.sku);
            item.apply(move.apply(item.level(), line.quantity));
        }
        reservation.moveTo(next);
        outbox.append(event.orderId(), new StockLevelsChanged(snapshots(items.values())), event.trace());
        return lines;
    }

    private Map<String, StockItem> lockInSkuOrder(Collection<String> skus) {
        return em.createQuery("from StockItem where sku in :skus order by sku", StockItem.class)
                .setParameter("skus", skus)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream()
                .collect(Collectors.toMap(i -> i.sku, Function.identity()));
    }

    private static List<StockLine> stockLines(List<ReservationLine> lines) {
        return lines.stream().map(l -> new StockLine(l.sku, l.quantity)).toList();
    }

    /** Snapshots of rows after a change, in sku order. */
    public static List<Snapshot> snapshots(Collection<StockItem> items) {
        return items.stream().sorted(java.util.Comparator.comparing((StockItem i) -> i.sku))
                .map(i -> new Snapshot(i.sku, i.priceCents, i.available, i.reserved, i.revision)).toList();
    }

    private static String describe(List<Reservations.Shortage> shortages) {
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
}
