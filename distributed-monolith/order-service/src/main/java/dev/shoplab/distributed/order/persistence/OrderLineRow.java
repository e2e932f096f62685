package dev.shoplab.distributed.order.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order with the unit price it was sold at (a row of {@code order_lines}). */
@Embeddable
public class OrderLineRow {

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price_cents", nullable = false)
    public long unitPriceCents;

    protected OrderLineRow() {
    }

    public OrderLineRow(String sku, int quantity, long unitPriceCents) {
        this.sku = sku;
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
    }
}
