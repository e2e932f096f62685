package dev.shoplab.eventdriven.inventory.persistence;

import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A row of the catalogue ({@code stock_item}): price and stock of one sku, with the revision that orders its snapshots. */
public class StockRow {

    public String sku;

    public long priceCents;

    public int available;

    public int reserved;

    public int sold;

    public long revision;

    public Instant updatedAt;

    /** The row a plain SQL query ({@code select * from stock_item}) found. */
    public static StockRow read(ResultSet row) throws SQLException {
        StockRow item = new StockRow();
        item.sku = row.getString("sku");
        item.priceCents = row.getLong("price_cents");
        item.available = row.getInt("available");
        item.reserved = row.getInt("reserved");
        item.sold = row.getInt("sold");
        item.revision = row.getLong("revision");
        item.updatedAt = row.getTimestamp("updated_at").toInstant();
        return item;
    }

    public StockLevel level() {
        return new StockLevel(available, reserved, sold);
    }

    /** Stores a new stock level and moves the revision on. */
    public void apply(StockLevel level) {
        available = level.available();
        reserved = level.reserved();
        sold = level.sold();
        revision++;
        updatedAt = Instant.now();
    }
}
