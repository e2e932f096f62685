package dev.shoplab.eventdriven.notification.events;

import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.notification.Notifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Notification's part of the choreography: every terminal order event becomes one notification to send. */
@ApplicationScoped
public class OrderOutcomesHandler implements EventHandler {

    @Inject
    Notifications notifications;

    @Override
    public EventRoutes routes() {
        EventRoutes routes = EventRoutes.subscribe(Topics.ORDERS);
        for (String outcome : new String[] {"OrderConfirmed", "OrderRejected", "OrderFailed"}) {
            routes.on(outcome, NotificationEvents.OrderSettled.class, notifications::record);
        }
        return routes;
    }
}
