package dev.shoplab.eventdriven.inventory.events;

import dev.shoplab.eventdriven.inventory.SeedBarrier;
import dev.shoplab.eventdriven.inventory.StockKeeper;
import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Inventory's part of the choreography: it reserves stock when an order is placed, sells it when the
 * payment succeeds, and releases it (compensation) when the payment fails. It also hears the edge's read
 * model acknowledge catalogue seeds.
 */
@ApplicationScoped
public class SagaEventsHandler implements EventHandler {

    @Inject
    StockKeeper stock;

    @Inject
    SeedBarrier seeds;

    @Override
    public EventRoutes routes() {
        return EventRoutes.subscribe(Topics.ORDERS, Topics.PAYMENTS, Topics.CATALOGUE)
                .on("OrderPlaced", InventoryEvents.OrderPlaced.class, (event, placed) -> stock.reserve(event, placed.lines()))
                .on("PaymentSucceeded", stock::commit)
                .on("PaymentFailed", InventoryEvents.PaymentFailed.class, stock::release)
                .on("ReadModelCaughtUp", InventoryEvents.ReadModelCaughtUp.class,
                        (event, ack) -> seeds.acknowledge(ack.readModel(), ack.appliedEventId()));
    }
}
