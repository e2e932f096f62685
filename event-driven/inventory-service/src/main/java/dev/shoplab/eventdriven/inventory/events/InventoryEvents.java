package dev.shoplab.eventdriven.inventory.events;

import dev.shoplab.eventdriven.inventory.domain.Demand;
import dev.shoplab.eventdriven.inventory.domain.StockMustNotGoNegative;
import dev.shoplab.eventdriven.messaging.EventType;
import dev.shoplab.eventdriven.messaging.Topics;
import java.util.List;

/**
 * The events inventory-service publishes (its side of the contract; the schemas are in
 * {@code event-schemas/}) and its own views of the events it reads.
 */
public final class InventoryEvents {

    private InventoryEvents() {
    }

    /** Units of one sku, as events carry them. */
    public record StockLine(String sku, int quantity) {
    }

    /** One sku's price and stock right after a move, with its revision. */
    public record Snapshot(String sku, long priceCents, int available, int reserved, long revision) {
    }

    /** Every line of the order is held for it. */
    @EventType(name = "StockReserved", topic = Topics.INVENTORY)
    public record StockReserved(List<StockLine> lines, List<Snapshot> stock) {
    }

    /** Some line could not be held; nothing was. */
    @EventType(name = "StockReservationFailed", topic = Topics.INVENTORY)
    public record StockReservationFailed(String reason, String detail, List<StockMustNotGoNegative.Shortage> shortages) {
    }

    /** The payment succeeded: the held units are sold. */
    @EventType(name = "StockCommitted", topic = Topics.INVENTORY)
    public record StockCommitted(List<StockLine> lines, List<Snapshot> stock) {
    }

    /** Compensation: the payment failed, the held units are available again. */
    @EventType(name = "StockReleased", topic = Topics.INVENTORY)
    public record StockReleased(List<StockLine> lines, String cause, String detail, List<Snapshot> stock) {
    }

    /** Snapshots of the skus a catalogue seed set, for the edge's read model. */
    @EventType(name = "StockLevelsChanged", topic = Topics.CATALOGUE)
    public record StockLevelsChanged(List<Snapshot> items) {
    }

    /** Inventory's view of OrderPlaced: only the lines matter here. */
    public record OrderPlaced(List<Demand> lines) {
    }

    /** Inventory's view of PaymentFailed: why, to pass on with the released stock. */
    public record PaymentFailed(String reason, String detail) {
    }

    /** Inventory's view of ReadModelCaughtUp: which read model applied which event. */
    public record ReadModelCaughtUp(String readModel, String appliedEventId) {
    }
}
