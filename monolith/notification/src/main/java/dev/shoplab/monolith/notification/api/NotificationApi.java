package dev.shoplab.monolith.notification.api;

import java.util.UUID;

/**
 * The notification context's public face: a customer message about an order is written to the
 * outbox in the caller's transaction, and delivered to the mail provider after that transaction
 * commits, at least once, under a message id that makes redeliveries harmless.
 */
public interface NotificationApi {

    /** The database schema this context owns; no other context reads or writes it. */
    String SCHEMA = "notification";

    /** Queues the message telling the customer how the order ended. Requires a transaction. */
    void orderConcluded(UUID orderId, String customerId, NotificationKind kind);
}
