package dev.shoplab.monolith.inventory.application;

import dev.shoplab.monolith.inventory.api.CatalogueItem;
import dev.shoplab.monolith.inventory.api.Demand;
import dev.shoplab.monolith.inventory.api.InventoryApi;
import dev.shoplab.monolith.inventory.api.OutOfStock;
import dev.shoplab.monolith.inventory.api.StockLevel;
import dev.shoplab.monolith.inventory.domain.DemandsInLockOrder;
import dev.shoplab.monolith.inventory.domain.StockMustNotGoNegative;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The inventory context behind its api. Reads go through JPQL; the writes of the hot path are JDBC
 * batches on Hibernate's connection, one round trip for all the lines of an order, in sku order.
 */
@ApplicationScoped
public class StockKeeper implements InventoryApi {

    private static final String TAKE = "update inventory.stock set available = available - ?, reserved = reserved + ?"
            + " where sku = ? and available >= ?";
    private static final String SELL = "update inventory.stock set reserved = reserved - ? where sku = ?";
    private static final String RELEASE = "update inventory.stock set available = available + ?, reserved = reserved - ?"
            + " where sku = ?";
    private static final String REPLACE = "insert into inventory.stock (sku, price_cents, available, reserved)"
            + " select item.sku, item.price_cents, item.available, 0"
            + " from unnest(?::varchar[], ?::bigint[], ?::int[]) as item(sku, price_cents, available)"
            + " on conflict (sku) do update set price_cents = excluded.price_cents,"
            + " available = excluded.available"; // reserved stays: orders between their transactions hold those units

    private final EntityManager em;

    public StockKeeper(EntityManager em) {
        this.em = em;
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<StockLevel> level(String sku) {
        return levels(List.of(sku)).values().stream().findFirst();
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Map<String, StockLevel> levels(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        // setParameterList: JPA's setParameter with a collection makes Hibernate try the collection as one sku first,
        // and throw and catch an exception for it, on every order
        return em.unwrap(Session.class).createSelectionQuery("select new dev.shoplab.monolith.inventory.api.StockLevel("
                        + "s.sku, s.priceCents, s.available, s.reserved) from StockRow s where s.sku in :skus",
                        StockLevel.class)
                .setParameterList("skus", skus)
                .getResultList().stream()
                .collect(Collectors.toMap(StockLevel::sku, Function.identity()));
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void reserve(List<Demand> demands) {
        List<Demand> inLockOrder = DemandsInLockOrder.of(demands);
        int[] taken = batch(TAKE, inLockOrder, (statement, demand) -> {
            statement.setInt(1, demand.quantity());
            statement.setInt(2, demand.quantity());
            statement.setString(3, demand.sku());
            statement.setInt(4, demand.quantity());
        });
        List<String> shortSkus = StockMustNotGoNegative.shortSkus(inLockOrder, taken);
        if (!shortSkus.isEmpty()) {
            throw new OutOfStock(shortSkus);
        }
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void commitReservation(List<Demand> demands) {
        batch(SELL, DemandsInLockOrder.of(demands), (statement, demand) -> {
            statement.setInt(1, demand.quantity());
            statement.setString(2, demand.sku());
        });
    }

    @Override
    @Transactional(TxType.MANDATORY)
    public void releaseReservation(List<Demand> demands) {
        batch(RELEASE, DemandsInLockOrder.of(demands), (statement, demand) -> {
            statement.setInt(1, demand.quantity());
            statement.setInt(2, demand.quantity());
            statement.setString(3, demand.sku());
        });
    }

    @Override
    @Transactional
    public void replaceCatalogue(List<CatalogueItem> items) {
        if (items.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(REPLACE)) {
                statement.setArray(1, connection.createArrayOf("varchar",
                        items.stream().map(CatalogueItem::sku).toArray()));
                statement.setArray(2, connection.createArrayOf("bigint",
                        items.stream().map(CatalogueItem::priceCents).toArray()));
                statement.setArray(3, connection.createArrayOf("integer",
                        items.stream().map(CatalogueItem::available).toArray()));
                statement.executeUpdate();
            }
        });
    }

    /** Fills one statement per demand. */
    private interface Binder {
        void bind(PreparedStatement statement, Demand demand) throws SQLException;
    }

    /** Runs one statement per demand as a JDBC batch (one round trip) and returns the rows each touched. */
    private int[] batch(String sql, List<Demand> demands, Binder binder) {
        return em.unwrap(Session.class).doReturningWork((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Demand demand : demands) {
                    binder.bind(statement, demand);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }
}
