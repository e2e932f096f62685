package dev.shoplab.eventdriven.inventory.events;

import dev.shoplab.eventdriven.inventory.StockKeeper;
import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Inventory's part of the choreography: it reserves stock when an order is placed, sells it when the order
 * is confirmed, and releases it (compensation) when the order is rejected or failed.
 */
@ApplicationScoped
public class OrderEventsHandler implements EventHandler {

    @Inject
    StockKeeper stock;

    @Override
    public EventRoutes routes() {
        return EventRoutes.subscribe(Topics.ORDERS)
                .on("OrderPlaced", InventoryEvents.OrderPlaced.class, (event, placed) -> stock.reserve(event, placed.lines()))
                .on("OrderConfirmed", stock::sell)
                .on("OrderRejected", stock::release)
                .on("OrderFailed", stock::release);
    }
}
