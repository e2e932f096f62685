package dev.shoplab.eventdriven.payment.events;

import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.payment.application.Payments;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Payment's part of the choreography: it learns amount and token from OrderPlaced, charges once the stock
 * is reserved, and forgets the order if the stock could not be reserved.
 */
@ApplicationScoped
public class SagaEventsHandler implements EventHandler {

    private final Payments payments;

    SagaEventsHandler(Payments payments) {
        this.payments = payments;
    }

    @Override
    public EventRoutes routes() {
        return EventRoutes.subscribe(Topics.ORDERS, Topics.INVENTORY)
                .on("OrderPlaced", PaymentEvents.OrderPlaced.class, payments::orderPlaced)
                .on("StockReserved", payments::stockReserved)
                .on("StockReservationFailed", payments::stockReservationFailed);
    }
}
