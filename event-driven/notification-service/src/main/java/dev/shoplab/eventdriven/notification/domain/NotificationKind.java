package dev.shoplab.eventdriven.notification.domain;

import java.util.Optional;

/** What the customer is told: one kind of mail per terminal order status. */
public enum NotificationKind {
    /** The order is confirmed: paid and on its way. */
    ORDER_CONFIRMED,
    /** The order was rejected: out of stock or payment declined. */
    ORDER_REJECTED,
    /** The order failed for a technical reason; nothing was kept. */
    ORDER_FAILED;

    /** The kind of mail a terminal order event calls for. */
    public static Optional<NotificationKind> forEvent(String eventType) {
        return switch (eventType) {
            case "OrderConfirmed" -> Optional.of(ORDER_CONFIRMED);
            case "OrderRejected" -> Optional.of(ORDER_REJECTED);
            case "OrderFailed" -> Optional.of(ORDER_FAILED);
            default -> Optional.empty();
        };
    }
}
