package dev.shoplab.eventdriven.order.events;

import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.order.application.SagaProgress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Order-service's part of the choreography: it concludes orders on inventory's last move (sold, not
 * reserved, released after a failed payment), records every other step on the order's timeline, and keeps
 * its read model of the catalogue.
 */
@ApplicationScoped
public class SagaEventsHandler implements EventHandler {

    private final SagaProgress saga;

    SagaEventsHandler(SagaProgress saga) {
        this.saga = saga;
    }

    @Override
    public EventRoutes routes() {
        return EventRoutes.subscribe(Topics.INVENTORY, Topics.PAYMENTS, Topics.NOTIFICATIONS, Topics.CATALOGUE)
                .on("StockReserved", OrderEvents.StockMove.class, saga::stockReserved)
                .on("StockReservationFailed", OrderEvents.StockReservationFailed.class, saga::stockReservationFailed)
                .on("StockCommitted", OrderEvents.StockMove.class, saga::stockCommitted)
                .on("StockReleased", OrderEvents.StockMove.class, saga::stockReleased)
                .on("PaymentSucceeded", saga::record)
                .on("PaymentFailed", saga::record)
                .on("PaymentRefunded", saga::record)
                .on("CustomerNotified", saga::record)
                .on("StockLevelsChanged", OrderEvents.StockLevelsChanged.class, saga::stockLevelsChanged);
    }
}
