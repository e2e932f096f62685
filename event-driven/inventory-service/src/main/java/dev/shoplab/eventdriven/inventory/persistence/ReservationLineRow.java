package dev.shoplab.eventdriven.inventory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** Units of one sku held for one order. */
@Entity
@Table(name = "reservation_line")
@IdClass(ReservationLineRow.Key.class)
public class ReservationLineRow {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Id
    public String sku;

    @Column(nullable = false)
    public int quantity;

    /** Primary key: order and sku. */
    public static class Key implements Serializable {
        public String orderId;
        public String sku;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(orderId, key.orderId) && Objects.equals(sku, key.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, sku);
        }
    }

    public static ReservationLineRow of(String orderId, String sku, int quantity) {
        ReservationLineRow line = new ReservationLineRow();
        line.orderId = orderId;
        line.sku = sku;
        line.quantity = quantity;
        return line;
    }
}
