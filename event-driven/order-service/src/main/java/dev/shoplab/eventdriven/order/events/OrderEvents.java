package dev.shoplab.eventdriven.order.events;

import dev.shoplab.eventdriven.messaging.EventType;
import dev.shoplab.eventdriven.messaging.Topics;
import java.util.List;

/**
 * The events order-service publishes (its side of the contract; the schemas are in {@code event-schemas/})
 * and its own views of the events it reads.
 */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** An order line as OrderPlaced carries it. */
    public record PlacedLine(String sku, int quantity, long unitPriceCents) {
    }

    /** The order was accepted at the edge and is PENDING. */
    @EventType(name = "OrderPlaced", topic = Topics.ORDERS)
    public record OrderPlaced(String customerId, List<PlacedLine> lines, long totalCents, String paymentToken) {
    }

    /** Concluded: paid and sold. */
    @EventType(name = "OrderConfirmed", topic = Topics.ORDERS)
    public record OrderConfirmed(String customerId, long totalCents) {
    }

    /** Concluded: a business outcome (out of stock, payment declined). */
    @EventType(name = "OrderRejected", topic = Topics.ORDERS)
    public record OrderRejected(String customerId, long totalCents, String reason, String detail) {
    }

    /** Concluded: a technical outcome (the PSP stayed unreachable). */
    @EventType(name = "OrderFailed", topic = Topics.ORDERS)
    public record OrderFailed(String customerId, long totalCents, String reason, String detail) {
    }

    /** The edge's stock view applied a catalogue seed event. */
    @EventType(name = "ReadModelCaughtUp", topic = Topics.CATALOGUE)
    public record ReadModelCaughtUp(String readModel, String appliedEventId) {
    }

    /** One sku's price and stock as inventory reports it. */
    public record Snapshot(String sku, long priceCents, int available, int reserved, long revision) {
    }

    /** Order-service's view of StockReserved, StockCommitted and StockReleased: the new levels, and a release's cause. */
    public record StockMove(List<Snapshot> stock, String cause, String detail) {
    }

    /** Order-service's view of StockReservationFailed. */
    public record StockReservationFailed(String detail) {
    }

    /** Order-service's view of StockLevelsChanged. */
    public record StockLevelsChanged(List<Snapshot> items) {
    }
}
