package dev.shoplab.eventdriven.order.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules an order request must meet before anything is written: who orders, 1 to 50 lines, each a sku
 * and a quantity from 1 to 100, and a payment token. Each broken rule is named with the field it is about.
 */
public final class OrderRules {

    /** One broken rule: the field (a JSON path such as {@code lines[2].quantity}) and what is wrong with it. */
    public record Violation(String field, String message) {

        @Override
        public String toString() {
            return field + " " + message;
        }
    }

    private OrderRules() {
    }

    /** Every rule the request breaks, in field order; empty when it may be placed. */
    public static List<Violation> violations(OrderRequest request) {
        List<Violation> violations = new ArrayList<>();
        text(violations, "customerId", request.customerId(), OrderLimits.MAX_CUSTOMER_ID);
        if (request.lines() == null || request.lines().isEmpty()) {
            violations.add(new Violation("lines", "must list at least one {sku, quantity}"));
        } else if (request.lines().size() > OrderLimits.MAX_LINES) {
            violations.add(new Violation("lines", "must have at most " + OrderLimits.MAX_LINES + " lines, not "
                    + request.lines().size()));
        } else {
            for (int i = 0; i < request.lines().size(); i++) {
                OrderRequest.Line line = request.lines().get(i);
                text(violations, "lines[" + i + "].sku", line.sku(), OrderLimits.MAX_SKU);
                Integer quantity = line.quantity();
                if (quantity == null) {
                    violations.add(new Violation("lines[" + i + "].quantity", "is required"));
                } else if (quantity < 1 || quantity > OrderLimits.MAX_QUANTITY) {
                    violations.add(new Violation("lines[" + i + "].quantity", "must be from 1 to "
                            + OrderLimits.MAX_QUANTITY + ", not " + quantity));
                }
            }
        }
        text(violations, "paymentToken", request.paymentToken(), OrderLimits.MAX_PAYMENT_TOKEN);
        return violations;
    }

    private static void text(List<Violation> violations, String field, String value, int maxLength) {
        if (value == null) {
            violations.add(new Violation(field, "is required"));
        } else if (value.isBlank()) {
            violations.add(new Violation(field, "must not be blank"));
        } else if (value.length() > maxLength) {
            violations.add(new Violation(field, "must be at most " + maxLength + " characters, not " + value.length()));
        }
    }
}
