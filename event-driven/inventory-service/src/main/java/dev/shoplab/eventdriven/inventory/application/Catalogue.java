package dev.shoplab.eventdriven.inventory.application;

import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import dev.shoplab.eventdriven.inventory.events.InventoryEvents.StockLevelsChanged;
import dev.shoplab.eventdriven.inventory.persistence.StockRow;
import dev.shoplab.eventdriven.messaging.Outbox;
import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.messaging.TraceParent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The catalogue seed: sets price and available units of the listed skus (adding skus it does not know),
 * leaves units held for running orders and units sold as they are, and publishes the new snapshots so
 * the edge's read model follows.
 */
@ApplicationScoped
public class Catalogue {

    /** Snapshots per StockLevelsChanged event, to keep each message well below Kafka's size limit. */
    static final int SNAPSHOTS_PER_EVENT = 1000;

    /** One sku of a seed. */
    public record Entry(String sku, long priceCents, int available) {
    }

    /** A committed seed: the ids of its events, and the acknowledgements of the read models that apply them. */
    public record Seeded(List<String> eventIds, CompletableFuture<Void> acknowledged) {
    }

    private static final String LOCK = "select * from stock_item where sku = any(?) order by sku for update";
    private static final String ADD = """
            insert into stock_item (sku, price_cents, available, reserved, sold, revision, updated_at)
            values (?, ?, ?, ?, ?, ?, ?)""";
    private static final String RESTOCK = """
            update stock_item set price_cents = ?, available = ?, revision = ?, updated_at = ? where sku = ?""";

    private final Sql sql;

    private final Outbox outbox;

    private final SeedBarrier barrier;

    Catalogue(DataSource database, Outbox outbox, SeedBarrier barrier) {
        this.sql = new Sql(database);
        this.outbox = outbox;
        this.barrier = barrier;
    }

    /** Applies a seed and publishes its snapshots; the caller may wait for the read models' acknowledgements. */
    @Transactional
    public Seeded seed(List<Entry> entries, TraceParent trace) {
        Map<String, StockRow> existing = sql.list(LOCK, StockRow::read, entries.stream().map(Entry::sku).toList())
                .stream().collect(Collectors.toMap(i -> i.sku, Function.identity()));
        List<StockRow> changed = new ArrayList<>(entries.size());
        List<Object[]> added = new ArrayList<>();
        List<Object[]> restocked = new ArrayList<>();
        for (Entry entry : entries) {
            StockRow item = existing.get(entry.sku());
            if (item == null) {
                item = new StockRow();
                item.sku = entry.sku();
                item.priceCents = entry.priceCents();
                item.revision = 0;
                item.apply(new StockLevel(entry.available(), 0, 0));
                added.add(new Object[] {item.sku, item.priceCents, item.available, item.reserved, item.sold,
                        item.revision, item.updatedAt});
            } else {
                item.priceCents = entry.priceCents();
                item.apply(item.level().restock(entry.available()));
                restocked.add(new Object[] {item.priceCents, item.available, item.revision, item.updatedAt, item.sku});
            }
            changed.add(item);
        }
        sql.batch(ADD, added);
        sql.batch(RESTOCK, restocked);
        var snapshots = StockKeeper.snapshots(changed);
        List<String> eventIds = new ArrayList<>();
        for (int from = 0; from < snapshots.size(); from += SNAPSHOTS_PER_EVENT) {
            var chunk = snapshots.subList(from, Math.min(snapshots.size(), from + SNAPSHOTS_PER_EVENT));
            eventIds.add(outbox.append("catalogue-seed", null, new StockLevelsChanged(List.copyOf(chunk)), trace)
                    .eventId());
        }
        // registered before the commit, so no acknowledgement can come before it is expected
        return new Seeded(eventIds, barrier.expect(eventIds));
    }
}
