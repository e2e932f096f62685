package dev.shoplab.monolith.inventory.internal;

import dev.shoplab.monolith.inventory.api.Inventory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code inventory.stock}: the price and stock of one sku. */
@Entity
@Table(schema = Inventory.SCHEMA, name = "stock")
public class StockRow {

    @Id
    @Column(length = 32)
    String sku;

    @Column(name = "price_cents", nullable = false)
    long priceCents;

    @Column(nullable = false)
    int available;

    @Column(nullable = false)
    int reserved;

    protected StockRow() {
    }
}
