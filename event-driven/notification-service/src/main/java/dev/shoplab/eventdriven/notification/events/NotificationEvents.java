package dev.shoplab.eventdriven.notification.events;

import dev.shoplab.eventdriven.messaging.EventType;
import dev.shoplab.eventdriven.messaging.Topics;

/** The event notification-service publishes and its view of the terminal order events it reads. */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    /** The mail provider accepted the message that tells the customer the order's outcome. */
    @EventType(name = "CustomerNotified", topic = Topics.NOTIFICATIONS)
    public record CustomerNotified(String kind, String recipient, String messageId) {
    }

    /** Notification's view of OrderConfirmed, OrderRejected and OrderFailed: whom to tell. */
    public record OrderSettled(String customerId) {
    }
}
