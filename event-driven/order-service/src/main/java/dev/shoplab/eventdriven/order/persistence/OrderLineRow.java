package dev.shoplab.eventdriven.order.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One line of an order, with the unit price it was priced at. */
@Entity
@Table(name = "order_line")
@IdClass(OrderLineRow.Key.class)
public class OrderLineRow {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Id
    @Column(name = "line_no")
    public int lineNo;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price_cents", nullable = false)
    public long unitPriceCents;

    /** Primary key: order and line number. */
    public static class Key implements Serializable {
        public UUID orderId;
        public int lineNo;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(orderId, key.orderId) && lineNo == key.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, lineNo);
        }
    }
}
