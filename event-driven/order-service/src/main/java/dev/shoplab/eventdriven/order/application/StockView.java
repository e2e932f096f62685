package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.order.events.OrderEvents.Snapshot;
import dev.shoplab.eventdriven.order.persistence.StockViewRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The edge's read model of inventory's catalogue: prices to price orders with and stock to answer
 * {@code GET /api/inventory/{sku}}. Inventory's events carry snapshots; a snapshot replaces a row only if
 * its revision is newer, so events applied late or twice never move the view backwards.
 */
@ApplicationScoped
public class StockView {

    private static final String UPSERT = """
            insert into stock_view (sku, price_cents, available, reserved, revision, updated_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (sku) do update set price_cents = excluded.price_cents, available = excluded.available,
                reserved = excluded.reserved, revision = excluded.revision, updated_at = excluded.updated_at
            where stock_view.revision < excluded.revision""";

    private final EntityManager em;

    StockView(EntityManager em) {
        this.em = em;
    }

    /** Applies snapshots (in sku order, so that two transactions never wait on each other in a circle). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Snapshot> snapshots) {
        if (snapshots == null || snapshots.isEmpty()) {
            return;
        }
        List<Snapshot> sorted = snapshots.stream().sorted(Comparator.comparing(Snapshot::sku)).toList();
        Timestamp now = Timestamp.from(Instant.now());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (Snapshot s : sorted) {
                    upsert.setString(1, s.sku());
                    upsert.setLong(2, s.priceCents());
                    upsert.setInt(3, s.available());
                    upsert.setInt(4, s.reserved());
                    upsert.setLong(5, s.revision());
                    upsert.setTimestamp(6, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /** One sku's row, if the catalogue has it. */
    @Transactional
    public Optional<StockViewRow> find(String sku) {
        return Optional.ofNullable(em.find(StockViewRow.class, sku));
    }

    /** The rows of the given skus that exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, StockViewRow> findAll(Collection<String> skus) {
        return em.createQuery("from StockViewRow where sku in :skus", StockViewRow.class)
                .setParameter("skus", skus).getResultList().stream()
                .collect(Collectors.toMap(r -> r.sku, Function.identity()));
    }
}
