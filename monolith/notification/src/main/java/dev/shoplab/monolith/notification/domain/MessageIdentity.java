package dev.shoplab.monolith.notification.domain;

import java.util.UUID;

/**
 * A message's identity is its order and its kind: however often it is delivered, the mail
 * provider sees one message id and keeps one message.
 */
public final class MessageIdentity {

    private MessageIdentity() {
    }

    public static String of(UUID orderId, String kind) {
        return orderId + ":" + kind;
    }
}
