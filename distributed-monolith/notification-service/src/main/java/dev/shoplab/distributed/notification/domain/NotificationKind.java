package dev.shoplab.distributed.notification.domain;

import java.util.Arrays;
import java.util.Optional;

/** The mails the shop sends about an order, one for each way an order can end. */
public enum NotificationKind {
    ORDER_CONFIRMED("order-confirmed"),
    ORDER_REJECTED("order-rejected"),
    ORDER_FAILED("order-failed");

    /** The wire names, for validation messages. */
    public static final String WIRE_NAMES = "order-confirmed|order-rejected|order-failed";

    private final String wireName;

    NotificationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code kind} on the wire, as the mail provider receives it. */
    public String wireName() {
        return wireName;
    }

    public static Optional<NotificationKind> ofWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
