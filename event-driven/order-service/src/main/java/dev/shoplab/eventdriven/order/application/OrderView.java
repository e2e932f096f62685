package dev.shoplab.eventdriven.order.application;

import dev.shoplab.eventdriven.order.persistence.OrderLineRow;
import dev.shoplab.eventdriven.order.persistence.OrderRow;
import dev.shoplab.eventdriven.order.persistence.TimelineEntryRow;
import java.time.Instant;
import java.util.List;

/**
 * An order as the public API shows it (docs/DESIGN.md), with the saga's timeline: every step any service took
 * for it, in the order they happened.
 */
public record OrderView(String orderId, String customerId, String status, String reason, String reasonDetail,
                        List<Line> lines, long totalCents, Instant createdAt, Instant updatedAt, List<Step> timeline) {

    /** One line with the unit price it was sold at and its total (unit price × quantity), in cents. */
    public record Line(String sku, int quantity, long unitPriceCents, long lineTotalCents) {
    }

    /** One step of the saga: which event, from which service, when, and what it said. */
    public record Step(String event, String service, Instant at, String detail) {
    }

    static OrderView of(OrderRow order, List<OrderLineRow> lines, List<TimelineEntryRow> timeline) {
        return new OrderView(order.id.toString(), order.customerId, order.status.name(), order.reason,
                order.reasonDetail,
                lines.stream().map(l -> new Line(l.sku, l.quantity, l.unitPriceCents, l.unitPriceCents * l.quantity))
                        .toList(),
                order.totalCents, order.createdAt, order.updatedAt,
                timeline.stream().map(t -> new Step(t.eventType, t.service, t.occurredAt, t.detail)).toList());
    }

    public boolean concluded() {
        return !"PENDING".equals(status);
    }
}
