package dev.shoplab.distributed.order.domain;

import java.util.List;

/** A customer's request to buy: who, what (lines of sku and quantity), and how they pay. */
public record PlaceOrder(String customerId, List<Line> lines, String paymentToken) {

    /** Units of one sku. */
    public record Line(String sku, int quantity) {
    }

    public PlaceOrder {
        lines = List.copyOf(lines);
    }
}
