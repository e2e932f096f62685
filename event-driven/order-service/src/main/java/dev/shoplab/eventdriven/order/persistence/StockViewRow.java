package dev.shoplab.eventdriven.order.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the edge's read model of the catalogue: a sku's price and stock as inventory last reported them. */
@Entity
@Table(name = "stock_view")
public class StockViewRow {

    @Id
    public String sku;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public int available;

    @Column(nullable = false)
    public int reserved;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
