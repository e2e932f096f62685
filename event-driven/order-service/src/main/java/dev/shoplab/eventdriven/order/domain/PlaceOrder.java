package dev.shoplab.eventdriven.order.domain;

import java.util.List;

/** An order as the client asks for it, checked at the edge: who orders, what, and the payment token to charge. */
public record PlaceOrder(String customerId, List<Line> lines, String paymentToken) {

    /** One line: a sku and a quantity. */
    public record Line(String sku, int quantity) {
    }
}
