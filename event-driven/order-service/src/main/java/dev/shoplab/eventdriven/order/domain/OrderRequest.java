package dev.shoplab.eventdriven.order.domain;

import java.util.List;

/**
 * An order as the client asked for it, read from well-formed JSON but not yet checked against the rules
 * ({@link OrderRules}): any field may be missing (null).
 */
public record OrderRequest(String customerId, List<Line> lines, String paymentToken) {

    /** One line as asked for: a sku and a quantity, either possibly missing. */
    public record Line(String sku, Integer quantity) {
    }
}
