package dev.shoplab.eventdriven.inventory.events;

import dev.shoplab.eventdriven.inventory.domain.Reservations;
import dev.shoplab.eventdriven.messaging.EventType;
import dev.shoplab.eventdriven.messaging.Topics;
import java.util.List;

/**
 * The events inventory-service publishes (its side of the contract; the schemas are in
 * {@code event-schemas/}) and its own view of the order event it reads.
 */
public final class InventoryEvents {

    private InventoryEvents() {
    }

    /** Units of one sku, as events carry them. */
    public record StockLine(String sku, int quantity) {
    }

    /** Every line of the order is held for it. */
    @EventType(name = "StockReserved", topic = Topics.INVENTORY)
    public record StockReserved(List<StockLine> lines) {
    }

    /** Some line could not be held; nothing was. */
    @EventType(name = "StockReservationFailed", topic = Topics.INVENTORY)
    public record StockReservationFailed(String reason, String detail, List<Reservations.Shortage> shortages) {
    }

    /** Compensation: what was held for a rejected or failed order is available again. */
    @EventType(name = "StockReleased", topic = Topics.INVENTORY)
    public record StockReleased(List<StockLine> lines, String cause) {
    }

    /** Snapshots of the skus a change touched, for the edge's read model. */
    @EventType(name = "StockLevelsChanged", topic = Topics.CATALOGUE)
    public record StockLevelsChanged(List<Snapshot> items) {
    }

    /** One sku's price and stock after a change, with its revision. */
    public record Snapshot(String sku, long priceCents, int available, int reserved, long revision) {
    }

    /** Inventory's view of OrderPlaced: only the lines matter here. */
    public record OrderPlaced(List<Reservations.Line> lines) {
    }
}
