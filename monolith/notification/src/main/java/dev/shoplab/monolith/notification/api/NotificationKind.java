package dev.shoplab.monolith.notification.api;

/** The messages the shop sends about an order; exactly one per order, for the way it ended. */
public enum NotificationKind {
    ORDER_CONFIRMED("order-confirmed"),
    ORDER_REJECTED("order-rejected"),
    ORDER_FAILED("order-failed");

    private final String wireName;

    NotificationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code kind} the mail provider receives. */
    public String wireName() {
        return wireName;
    }
}
