package dev.shoplab.eventdriven.inventory.application;

import dev.shoplab.eventdriven.inventory.domain.Demand;
import dev.shoplab.eventdriven.inventory.domain.DemandsInLockOrder;
import dev.shoplab.eventdriven.inventory.domain.ReservationStatus;
import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import dev.shoplab.eventdriven.inventory.domain.StockMustNotGoNegative;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.Snapshot;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockCommitted;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockLine;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReleased;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReservationFailed;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockReserved;
import dev.shoplab.eventdriven.inventory.persistence.StockRow;
import dev.shoplab.eventdriven.messaging.IncomingEvent;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Keeps the stock: every move locks the rows it touches (in sku order, so two orders never deadlock),
 * changes them, records the reservation and appends the resulting event, with the new stock levels, to
 * the outbox, all in the caller's transaction. Plain SQL, a statement per step: this runs once or twice
 * for every order.
 */
@ApplicationScoped
public class StockKeeper {

    private static final int MAX_DETAIL = 1000;

    private static final String DECIDED = "select state from reservation where order_id = ?";
    private static final String LOCK_STOCK = "select * from stock_item where sku = any(?) order by sku for update";
    private static final String SAVE_LEVEL = """
            update stock_item set available = ?, reserved = ?, sold = ?, revision = ?, updated_at = ? where sku = ?""";
    private static final String RECORD = """
            insert into reservation (order_id, state, created_at, updated_at) values (?, ?, now(), now())""";
    private static final String HOLD = "insert into reservation_line (order_id, sku, quantity) values (?, ?, ?)";
    private static final String LOCK_RESERVATION = "select state from reservation where order_id = ? for update";
    private static final String HELD = "select sku, quantity from reservation_line where order_id = ? order by sku";
    private static final String SETTLE = "update reservation set state = ?, updated_at = now() where order_id = ?";

    private final Sql sql;

    private final Outbox outbox;

    private final MeterRegistry metrics;

    StockKeeper(DataSource database, Outbox outbox, MeterRegistry metrics) {
        this.sql = new Sql(database);
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
        if (sql.one(DECIDED, row -> row.getString(1), orderId).isPresent()) {
            return; // decided already (the same order placed twice would be a producer bug; never hold twice)
        }
        SortedMap<String, Integer> wanted = DemandsInLockOrder.of(lines);
        Map<String, StockRow> items = lockInSkuOrder(wanted.keySet());
        StockMustNotGoNegative.Decision decision = StockMustNotGoNegative.decide(lines, items.values().stream()
                .collect(Collectors.toMap(i -> i.sku, StockRow::level)));
        if (!decision.reservable()) {
            sql.update(RECORD, orderId, ReservationStatus.REFUSED);
            outbox.append(orderId, new StockReservationFailed("OUT_OF_STOCK", describe(decision.shortages()),
                    decision.shortages()), event.trace());
            return;
        }
        sql.update(RECORD, orderId, ReservationStatus.RESERVED);
        List<StockLine> held = new ArrayList<>();
        decision.quantities().forEach((sku, quantity) -> {
            items.get(sku).apply(items.get(sku).level().reserve(quantity));
            held.add(new StockLine(sku, quantity));
        });
        sql.batch(HOLD, held.stream().map(l -> new Object[] {orderId, l.sku(), l.quantity()}).toList());
        save(items.values());
        outbox.append(orderId, new StockReserved(held, snapshots(items.values())), event.trace());
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
        String orderId = event.orderId();
        boolean settles = sql.one(LOCK_RESERVATION, row -> ReservationStatus.valueOf(row.getString(1)), orderId)
                .map(ReservationStatus::settles).orElse(false);
        if (!settles) {
            return; // refused (nothing held), settled already, or never heard of
        }
        List<StockLine> lines = sql.list(HELD, row -> new StockLine(row.getString(1), row.getInt(2)), orderId);
        Map<String, StockRow> items = lockInSkuOrder(lines.stream().map(StockLine::sku).toList());
        for (StockLine line : lines) {
            StockRow item = items.get(line.sku());
            item.apply(move.apply(item.level(), line.quantity()));
        }
        save(items.values());
        sql.update(SETTLE, next, orderId);
        settled.report(lines, snapshots(items.values()));
    }

    private Map<String, StockRow> lockInSkuOrder(Collection<String> skus) {
        return sql.list(LOCK_STOCK, StockRow::read, skus).stream()
                .collect(Collectors.toMap(i -> i.sku, Function.identity()));
    }

    private void save(Collection<StockRow> items) {
        sql.batch(SAVE_LEVEL, items.stream().sorted(Comparator.comparing((StockRow i) -> i.sku))
                .map(i -> new Object[] {i.available, i.reserved, i.sold, i.revision, i.updatedAt, i.sku}).toList());
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
