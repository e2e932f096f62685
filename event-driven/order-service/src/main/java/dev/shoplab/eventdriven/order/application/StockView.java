package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.order.events.OrderEvents.Snapshot;
import dev.shoplab.eventdriven.order.persistence.StockViewRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

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
    private static final String FIND = "select * from stock_view where sku = ?";
    private static final String FIND_ALL = "select * from stock_view where sku = any(?)";

    private final Sql sql;

    StockView(DataSource database) {
        this.sql = new Sql(database);
    }

    /** Applies snapshots (in sku order, so that two transactions never wait on each other in a circle). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Snapshot> snapshots) {
        if (snapshots == null || snapshots.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        sql.batch(UPSERT, snapshots.stream().sorted(Comparator.comparing(Snapshot::sku))
                .map(s -> new Object[] {s.sku(), s.priceCents(), s.available(), s.reserved(), s.revision(), now})
                .toList());
    }

    /** One sku's row, if the catalogue has it. */
    public Optional<StockViewRow> find(String sku) {
        return sql.one(FIND, StockViewRow::read, sku);
    }

    /** The rows of the given skus that exist. */
    public Map<String, StockViewRow> findAll(Collection<String> skus) {
        return sql.list(FIND_ALL, StockViewRow::read, skus).stream()
                .collect(Collectors.toMap(r -> r.sku, Function.identity()));
    }
}
