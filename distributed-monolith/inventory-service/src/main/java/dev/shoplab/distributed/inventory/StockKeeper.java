package dev.shoplab.distributed.inventory;

import dev.shoplab.distributed.inventory.domain.Demand;
import dev.shoplab.distributed.inventory.domain.ReservationStatus;
import dev.shoplab.distributed.inventory.domain.StockMustCoverDemand;
import dev.shoplab.distributed.inventory.domain.StockMustCoverDemand.Shortfall;
import dev.shoplab.distributed.inventory.persistence.ReservationRow;
import dev.shoplab.distributed.inventory.persistence.ReservedUnits;
import dev.shoplab.distributed.inventory.persistence.StockRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The stock and its reservations, one local transaction per call: reserve (all or nothing, rows locked
 * in sku order), confirm, release, and the lab's catalogue reset.
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
    public record Reserved(ReservationRow reservation, boolean replayed) {
    }

    /** One catalogue line as the lab sets it. */
    public record CatalogueItem(String sku, long priceCents, int available) {
    }

    private final EntityManager em;

    StockKeeper(EntityManager em) {
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
        List<Demand> demands = Demand.combined(lines);
        List<String> skus = demands.stream().map(Demand::sku).toList();
        // rows locked in sku order: two reservations of the same skus queue instead of deadlocking
        List<StockRow> rows = em.createQuery("select s from StockRow s where s.sku in :skus order by s.sku",
                        StockRow.class)
                .setParameter("skus", skus).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        ReservationRow existing = em.find(ReservationRow.class, orderId);
        if (existing != null) {
            return new Reserved(existing, true);
        }
        Map<String, StockRow> bySku = new LinkedHashMap<>();
        rows.forEach(r -> bySku.put(r.sku, r));
        List<String> unknown = skus.stream().filter(s -> !bySku.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSkus(unknown);
        }
        Map<String, Integer> available = new LinkedHashMap<>();
        rows.forEach(r -> available.put(r.sku, r.available));
        List<Shortfall> shortfalls = StockMustCoverDemand.shortfalls(available, demands);
        if (!shortfalls.isEmpty()) {
            throw new OutOfStock(shortfalls);
        }
        ReservationRow reservation = new ReservationRow();
        reservation.orderId = orderId;
        reservation.status = ReservationStatus.HELD;
        reservation.createdAt = now();
        reservation.updatedAt = reservation.createdAt;
        for (Demand demand : demands) {
            StockRow row = bySku.get(demand.sku());
            row.available -= demand.quantity();
            row.reserved += demand.quantity();
            reservation.lines.add(new ReservedUnits(demand.sku(), demand.quantity()));
        }
        em.persist(reservation);
        return new Reserved(reservation, false);
    }

    /** The units of the order's reservation are sold: they leave {@code reserved}. Repeating it changes nothing. */
    @Transactional
    public ReservationRow confirm(UUID orderId) {
        return move(orderId, ReservationStatus::confirm);
    }

    /** The units of the order's reservation are available again. Repeating it changes nothing. */
    @Transactional
    public ReservationRow release(UUID orderId) {
        return move(orderId, ReservationStatus::release);
    }

    private ReservationRow move(UUID orderId, java.util.function.UnaryOperator<ReservationStatus> change) {
        // the reservation's row is locked first, by a plain query: a locking find of an entity with an eager
        // collection goes through Hibernate's follow-on locking, which fails under concurrent calls
        if (em.createNativeQuery("select order_id from reservations where order_id = ?1 for update")
                .setParameter(1, orderId).getResultList().isEmpty()) {
            throw new ReservationNotFound(orderId);
        }
        ReservationRow reservation = em.find(ReservationRow.class, orderId);
        if (reservation == null) {
            throw new ReservationNotFound(orderId);
        }
        ReservationStatus next = change.apply(reservation.status);
        if (reservation.status.movesUnitsTo(next)) {
            List<String> skus = reservation.lines.stream().map(l -> l.sku).toList();
            Map<String, StockRow> rows = new LinkedHashMap<>();
            em.createQuery("select s from StockRow s where s.sku in :skus order by s.sku", StockRow.class)
                    .setParameter("skus", skus).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                    .forEach(r -> rows.put(r.sku, r));
            for (ReservedUnits line : reservation.lines) {
                StockRow row = rows.get(line.sku);
                // a catalogue reset since the reservation set reserved to 0: never below it
                row.reserved = Math.max(0, row.reserved - line.quantity);
                if (next == ReservationStatus.RELEASED) {
                    row.available += line.quantity;
                }
            }
            reservation.status = next;
            reservation.updatedAt = now();
        }
        return reservation;
    }

    /** Sets price and stock of every listed sku (adding the new ones); their reserved units go back to 0. */
    @Transactional
    public void replaceCatalogue(List<CatalogueItem> items) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "insert into stock (sku, price_cents, available, reserved) values (?, ?, ?, 0) "
                            + "on conflict (sku) do update set price_cents = excluded.price_cents, "
                            + "available = excluded.available, reserved = 0")) {
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
