package dev.shoplab.eventdriven.inventory.events;

import dev.shoplab.eventdriven.inventory.application.SeedBarrier;
import dev.shoplab.eventdriven.inventory.application.StockKeeper;
import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Inventory's part of the choreography: it reserves stock when an order is placed, sells it when the
 * payment succeeds, and releases it (compensation) when the payment fails. It also hears the edge's read
 * model acknowledge catalogue seeds.
 */
@ApplicationScoped
public class SagaEventsHandler implements EventHandler {

    private final StockKeeper stock;

    private final SeedBarrier seeds;

    SagaEventsHandler(StockKeeper stock, SeedBarrier seeds) {
        this.stock = stock;
        this.seeds = seeds;
    }

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
