package dev.shoplab.eventdriven.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topics of the event-driven shop: versioned, keyed by orderId, each with a dead-letter topic beside it. */
public final class Topics {

    /** Order facts, produced by order-service: OrderPlaced, OrderConfirmed, OrderRejected, OrderFailed. */
    public static final String ORDERS = "orders.v1";
    /** Stock facts, produced by inventory-service: StockReserved, StockReservationFailed, StockReleased. */
    public static final String INVENTORY = "inventory.v1";
    /** Money facts, produced by payment-service: PaymentSucceeded, PaymentFailed, PaymentRefunded. */
    public static final String PAYMENTS = "payments.v1";
    /** Customer contact facts, produced by notification-service: CustomerNotified. */
    public static final String NOTIFICATIONS = "notifications.v1";
    /** Stock level snapshots by sku, produced by inventory-service for the edge's read model: StockLevelsChanged. */
    public static final String CATALOGUE = "catalogue.v1";

    /** Suffix of a topic's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: where its poison messages go, with the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * Every topic of the architecture with its partition count: the saga topics get {@code sagaPartitions}
     * (the unit of consumer parallelism), the catalogue and the dead-letter topics one each.
     */
    public static Map<String, Integer> all(int sagaPartitions) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String saga : new String[] {ORDERS, INVENTORY, PAYMENTS, NOTIFICATIONS}) {
            topics.put(saga, sagaPartitions);
        }
        topics.put(CATALOGUE, 1);
        for (String topic : List.copyOf(topics.keySet())) {
            topics.put(deadLetter(topic), 1);
        }
        return topics;
    }
}
