package dev.shoplab.distributed.order.application;

import dev.shoplab.distributed.order.domain.OrderReason;
import dev.shoplab.distributed.order.domain.OrderStatus;
import dev.shoplab.distributed.order.persistence.OrderRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the public API shows it; {@code reason} is set for REJECTED and FAILED orders only. */
public record OrderView(UUID orderId, String customerId, OrderStatus status, OrderReason reason, List<LineView> lines,
                        long totalCents, Instant createdAt, Instant updatedAt) {

    /** One line with the unit price it was sold at. */
    public record LineView(String sku, int quantity, long unitPriceCents, long lineTotalCents) {
    }

    /** The view of a stored order, lines with their totals. */
    public static OrderView of(OrderRow row) {
        return new OrderView(row.id, row.customerId, row.status, row.reason,
                row.lines.stream().map(l -> new LineView(l.sku, l.quantity, l.unitPriceCents,
                        l.unitPriceCents * l.quantity)).toList(),
                row.totalCents, row.createdAt, row.updatedAt);
    }
}
