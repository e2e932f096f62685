package dev.shoplab.eventdriven.inventory.persistence;

import dev.shoplab.eventdriven.inventory.domain.StockLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the catalogue: price and stock of one sku, with the revision that orders its snapshots. */
@Entity
@Table(name = "stock_item")
public class StockRow {

    @Id
    public String sku;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public int available;

    @Column(nullable = false)
    public int reserved;

    @Column(nullable = false)
    public int sold;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

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
