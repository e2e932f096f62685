package dev.shoplab.eventdriven.order.persistence;

import dev.shoplab.eventdriven.messaging.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A row of the edge's read model of the catalogue ({@code stock_view}): a sku's price and stock as inventory
 * last reported them.
 */
public class StockViewRow {

    public String sku;

    public long priceCents;

    public int available;

    public int reserved;

    public long revision;

    public Instant updatedAt;

    /** The row a plain SQL query ({@code select * from stock_view}) found. */
    public static StockViewRow read(ResultSet row) throws SQLException {
        StockViewRow item = new StockViewRow();
        item.sku = row.getString("sku");
        item.priceCents = row.getLong("price_cents");
        item.available = row.getInt("available");
        item.reserved = row.getInt("reserved");
        item.revision = row.getLong("revision");
        item.updatedAt = Sql.instant(row, "updated_at");
        return item;
    }
}
