package dev.shoplab.eventdriven.notification.domain;

/**
 * A message's identity is its order: one notification per order (the one terminal event), so however often
 * the event is redelivered or the send repeated, the mail provider sees one message id and keeps one message.
 * (The monolith's id is order and kind; the saga sends only one kind per order.)
 */
public final class MessageIdentity {

    private MessageIdentity() {
    }

    /** The message id of the notification of order {@code orderId}. */
    public static String of(String orderId) {
        return "ed-order-" + orderId;
    }
}
