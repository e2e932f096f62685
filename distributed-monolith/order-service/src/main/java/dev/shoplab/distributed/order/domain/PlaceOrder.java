package dev.shoplab.distributed.order.domain;

import java.util.List;

/** A valid order request: who orders, what, and with which payment token. */
public record PlaceOrder(String customerId, List<Line> lines, String paymentToken) {

    /** Units of one sku. */
    public record Line(String sku, int quantity) {
    }

    public PlaceOrder {
        lines = List.copyOf(lines);
    }
}
