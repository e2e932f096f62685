package dev.shoplab.distributed.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Units of one sku held by a reservation (a row of {@code reservation_lines}). */
@Embeddable
public class ReservationLineRow {

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    protected ReservationLineRow() {
    }

    public ReservationLineRow(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }
}
