package dev.shoplab.distributed.inventory.application;

import dev.shoplab.distributed.inventory.domain.Demand;
import dev.shoplab.distributed.inventory.domain.DemandsInLockOrder;
import dev.shoplab.distributed.inventory.domain.ReservationStatus;
import dev.shoplab.distributed.inventory.domain.StockMustNotGoNegative;
import dev.shoplab.distributed.inventory.domain.StockMustNotGoNegative.Shortfall;
import dev.shoplab.distributed.inventory.persistence.ReservationRow;
import dev.shoplab.distributed.inventory.persistence.StockRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.hibernate.Session;

/**
 * The stock and its reservations, one local transaction per call: reserve (all or nothing, rows locked
 * in sku order), confirm, release, and the lab's catalogue seed (which keeps the units held).
 */
@ApplicationScoped
public class StockKeeper {

    /** The order names skus the catalogue does not have. */
    public static final class UnknownSkus extends RuntimeException {
        private final List<String> skus;

        UnknownSkus(List<String> skus) {
            super("unknown skus " + skus, null, false, false);
            this.skus = skus;
        }

        public List<String> skus() {
            return skus;
        }
    }

    /** Some skus lack units: nothing was reserved. */
    public static final class OutOfStock extends RuntimeException {
        private final List<Shortfall> shortfalls;

        OutOfStock(List<Shortfall> shortfalls) {
            super("out of stock: " + shortfalls, null, false, false);
            this.shortfalls = shortfalls;
        }

        public List<Shortfall> shortfalls() {
            return shortfalls;
        }
    }

    /** No reservation for that order. */
    public static final class ReservationNotFound extends RuntimeException {
        ReservationNotFound(UUID orderId) {
            super("there is no reservation for order " + orderId, null, false, false);
        }
    }

    /** A reservation and whether it was made by an earlier call for the same order. */
    public record Reserved(Reservation reservation, boolean replayed) {
    }

    /** One catalogue line as the lab sets it. */
    public record CatalogueItem(String sku, long priceCents, int available) {
    }

    private final EntityManager em;

    public StockKeeper(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Optional<StockRow> level(String sku) {
        return Optional.ofNullable(em.find(StockRow.class, sku));
    }

    /** The rows of the skus the catalogue has, in sku order (unknown skus are left out). */
    @Transactional
    public List<StockRow> levels(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from StockRow s where s.sku in :skus order by s.sku", StockRow.class)
                .setParameter("skus", skus).getResultList();
    }

    /**
     * Holds the units of every line for the order, or none: {@link OutOfStock} if a sku lacks units,
     * {@link UnknownSkus} if the catalogue lacks a sku. A second call for the same order answers the
     * first reservation (the mesh replays a try whose answer it did not get).
     */
    @Transactional
    public Reserved reserve(UUID orderId, List<Demand> lines) {
        List<Demand> demands = DemandsInLockOrder.of(lines);
        OffsetDateTime now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
        // Plain SQL on the hot path: every order reserves and confirms here, all on the same few stock rows,
        // so the rows stay locked for two statements only (the lock, the update) until the commit.
        Reservation reservation = session().doReturningWork(db -> {
            // 1. claim the order id and write the lines: a repeated call finds the first reservation
            try (PreparedStatement claim = db.prepareStatement("insert into reservations (order_id, status, created_at,"
                    + " updated_at) values (?, 'HELD', ?, ?) on conflict (order_id) do nothing")) {
                claim.setObject(1, orderId);
                claim.setObject(2, now);
                claim.setObject(3, now);
                if (claim.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement line = db.prepareStatement(
                    "insert into reservation_lines (order_id, sku, quantity) values (?, ?, ?)")) {
                for (Demand demand : demands) {
                    line.setObject(1, orderId);
                    line.setString(2, demand.sku());
                    line.setInt(3, demand.quantity());
                    line.addBatch();
                }
                line.executeBatch();
            }
            // 2. lock the stock rows in sku order (two reservations queue instead of deadlocking), check, take
            Map<String, Integer> available = lockStock(db, demands.stream().map(Demand::sku).toList());
            List<String> unknown = demands.stream().map(Demand::sku).filter(sku -> !available.containsKey(sku)).toList();
            if (!unknown.isEmpty()) {
                throw new UnknownSkus(unknown);
            }
            List<Shortfall> shortfalls = StockMustNotGoNegative.shortfalls(available, demands);
            if (!shortfalls.isEmpty()) {
                throw new OutOfStock(shortfalls);
            }
            try (PreparedStatement take = db.prepareStatement(
                    "update stock set available = available - ?, reserved = reserved + ? where sku = ?")) {
                for (Demand demand : demands) {
                    take.setInt(1, demand.quantity());
                    take.setInt(2, demand.quantity());
                    take.setString(3, demand.sku());
                    take.addBatch();
                }
                take.executeBatch();
            }
            return new Reservation(orderId, ReservationStatus.HELD, demands);
        });
        if (reservation == null) {
            return new Reserved(find(orderId).orElseThrow(() -> new ReservationNotFound(orderId)), true);
        }
        return new Reserved(reservation, false);
    }

    /** The units of the order's reservation are sold: they leave {@code reserved}. Repeating it changes nothing. */
    @Transactional
    public Reservation confirm(UUID orderId) {
        return move(orderId, ReservationStatus::confirm);
    }

    /** The units of the order's reservation are available again. Repeating it changes nothing. */
    @Transactional
    public Reservation release(UUID orderId) {
        return move(orderId, ReservationStatus::release);
    }

    /** The reservation of an order, if it has one. */
    @Transactional
    public Optional<Reservation> find(UUID orderId) {
        return Optional.ofNullable(em.find(ReservationRow.class, orderId)).map(row -> new Reservation(row.orderId,
                row.status, row.lines.stream().map(l -> new Demand(l.sku, l.quantity)).toList()));
    }

    private Reservation move(UUID orderId, UnaryOperator<ReservationStatus> change) {
        Reservation reservation = find(orderId).orElseThrow(() -> new ReservationNotFound(orderId));
        ReservationStatus next = change.apply(reservation.status());
        if (!reservation.status().movesUnitsTo(next)) {
            return reservation; // already there: a repeated call
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
        boolean moved = session().doReturningWork(db -> {
            // only the call that moves the reservation out of HELD moves its units; a concurrent one waits
            // for this row, then finds it moved
            try (PreparedStatement status = db.prepareStatement("update reservations set status = ?, updated_at = ?"
                    + " where order_id = ? and status = 'HELD'")) {
                status.setString(1, next.name());
                status.setObject(2, now);
                status.setObject(3, orderId);
                if (status.executeUpdate() == 0) {
                    return false;
                }
            }
            // sku by sku in sku order, the order reservations lock them in; reserve put these units in reserved
            // and the guard above lets them out once, so check (reserved >= 0) only ever refuses a bug
            try (PreparedStatement units = db.prepareStatement("update stock set reserved = reserved - ?,"
                    + " available = available + ? where sku = ?")) {
                for (Demand line : reservation.lines()) {
                    units.setInt(1, line.quantity());
                    units.setInt(2, next == ReservationStatus.RELEASED ? line.quantity() : 0);
                    units.setString(3, line.sku());
                    units.addBatch();
                }
                units.executeBatch();
            }
            return true;
        });
        if (moved) {
            return new Reservation(orderId, next, reservation.lines());
        }
        // another call moved it between our read and our update: its end state decides
        ReservationStatus settled = currentStatus(orderId);
        change.apply(settled);
        return new Reservation(orderId, settled, reservation.lines());
    }

    private ReservationStatus currentStatus(UUID orderId) {
        return session().doReturningWork(db -> {
            try (PreparedStatement query = db.prepareStatement("select status from reservations where order_id = ?")) {
                query.setObject(1, orderId);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return ReservationStatus.valueOf(rs.getString(1));
                }
            }
        });
    }

    private static Map<String, Integer> lockStock(Connection db, List<String> skus) throws SQLException {
        Map<String, Integer> available = new LinkedHashMap<>();
        try (PreparedStatement lock = db.prepareStatement(
                "select sku, available from stock where sku = any (?) order by sku for update")) {
            lock.setArray(1, db.createArrayOf("varchar", skus.toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    available.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return available;
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    /**
     * Sets price (cents) and available units of every listed sku, adding the new ones with nothing reserved:
     * the lab's seed, or an operator's restock. Units held by reservations still HELD stay reserved, so their
     * orders can still confirm or release them; skus not listed are left alone.
     */
    @Transactional
    public void replaceCatalogue(List<CatalogueItem> items) {
        em.flush();
        session().doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "insert into stock (sku, price_cents, available, reserved) values (?, ?, ?, 0) "
                            + "on conflict (sku) do update set price_cents = excluded.price_cents, "
                            + "available = excluded.available")) {
                int batched = 0;
                for (CatalogueItem item : items) {
                    upsert.setString(1, item.sku());
                    upsert.setLong(2, item.priceCents());
                    upsert.setInt(3, item.available());
                    upsert.addBatch();
                    if (++batched % 500 == 0) {
                        upsert.executeBatch();
                    }
                }
                upsert.executeBatch();
            }
        });
        em.clear();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
