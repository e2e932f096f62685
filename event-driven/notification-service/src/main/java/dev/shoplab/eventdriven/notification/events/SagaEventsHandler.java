package dev.shoplab.eventdriven.notification.events;

import dev.shoplab.eventdriven.messaging.EventHandler;
import dev.shoplab.eventdriven.messaging.EventRoutes;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.notification.application.Notifier;
import jakarta.enterprise.context.ApplicationScoped;

/** Notification's part of the choreography: every terminal order event becomes one notification to send. */
@ApplicationScoped
public class SagaEventsHandler implements EventHandler {

    private final Notifier notifications;

    SagaEventsHandler(Notifier notifications) {
        this.notifications = notifications;
    }

    @Override
    public EventRoutes routes() {
        EventRoutes routes = EventRoutes.subscribe(Topics.ORDERS);
        for (String outcome : new String[] {"OrderConfirmed", "OrderRejected", "OrderFailed"}) {
            routes.on(outcome, NotificationEvents.OrderSettled.class, notifications::record);
        }
        return routes;
    }
}
