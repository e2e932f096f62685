package dev.shoplab.monolith.order.application;

import dev.shoplab.monolith.order.domain.OrderReason;
import dev.shoplab.monolith.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it; {@code reason} is set for REJECTED and FAILED orders only. */
public record OrderView(UUID orderId, String customerId, OrderStatus status, OrderReason reason,
                        List<LineView> lines, long totalCents, Instant createdAt, Instant updatedAt) {

    /** One line with the unit price it was sold at. */
    public record LineView(String sku, int quantity, long unitPriceCents, long lineTotalCents) {
    }
}
