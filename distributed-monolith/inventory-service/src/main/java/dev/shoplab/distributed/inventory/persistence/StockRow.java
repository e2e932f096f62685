package dev.shoplab.distributed.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One sku's price and stock (table {@code stock}). */
@Entity
@Table(name = "stock")
public class StockRow {

    @Id
    public String sku;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public int available;

    @Column(nullable = false)
    public int reserved;
}
