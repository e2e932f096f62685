package dev.shoplab.monolith.inventory.persistence;

import dev.shoplab.monolith.inventory.api.InventoryApi;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code inventory.stock}: the price and stock of one sku. */
@Entity
@Table(schema = InventoryApi.SCHEMA, name = "stock")
public class StockRow {

    @Id
    @Column(length = 32)
    public String sku;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public int available;

    @Column(nullable = false)
    public int reserved;

    protected StockRow() {
    }
}
