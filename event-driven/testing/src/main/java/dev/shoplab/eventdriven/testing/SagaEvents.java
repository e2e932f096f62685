package dev.shoplab.eventdriven.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stimuli for "stimulus, then the expected event" tests: envelopes of the saga's events exactly as their
 * producers publish them (each conforms to its schema), so one service can be tested without the others.
 */
public final class SagaEvents {

    /** One order line: sku, quantity and the unit price the edge charged. */
    public record Line(String sku, int quantity, long unitPriceCents) {
    }

    private SagaEvents() {
    }

    public static Line line(String sku, int quantity, long unitPriceCents) {
        return new Line(sku, quantity, unitPriceCents);
    }

    public static ObjectNode orderPlaced(String orderId, String paymentToken, Line... lines) {
        long total = Arrays.stream(lines).mapToLong(l -> l.quantity() * l.unitPriceCents()).sum();
        return EventSender.envelope("OrderPlaced", 1, orderId, Map.of("customerId", "customer-" + orderId.substring(0, 8),
                "lines", List.of(lines), "totalCents", total, "paymentToken", paymentToken));
    }

    public static ObjectNode orderConfirmed(String orderId, long totalCents) {
        return EventSender.envelope("OrderConfirmed", 1, orderId, Map.of("customerId", "customer-1",
                "totalCents", totalCents));
    }

    public static ObjectNode orderRejected(String orderId, String reason) {
        return EventSender.envelope("OrderRejected", 1, orderId, Map.of("customerId", "customer-1",
                "totalCents", 100, "reason", reason));
    }

    public static ObjectNode orderFailed(String orderId) {
        return EventSender.envelope("OrderFailed", 1, orderId, Map.of("customerId", "customer-1",
                "totalCents", 100, "reason", "PAYMENT_UNAVAILABLE"));
    }

    public static ObjectNode stockReserved(String orderId, String sku, int quantity) {
        return stockMove("StockReserved", orderId, sku, quantity, Map.of());
    }

    public static ObjectNode stockCommitted(String orderId, String sku, int quantity) {
        return stockMove("StockCommitted", orderId, sku, quantity, Map.of());
    }

    public static ObjectNode stockReleased(String orderId, String sku, int quantity, String cause) {
        return stockMove("StockReleased", orderId, sku, quantity, Map.of("cause", cause));
    }

    /** A stock move of {@code quantity} units of {@code sku}, with a plausible snapshot (revision from the clock). */
    private static ObjectNode stockMove(String type, String orderId, String sku, int quantity, Map<String, ?> extra) {
        Map<String, Object> payload = new LinkedHashMap<>(extra);
        payload.put("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
        payload.put("stock", List.of(Map.of("sku", sku, "priceCents", 100, "available", 10, "reserved", 0,
                "revision", System.nanoTime())));
        return EventSender.envelope(type, 1, orderId, payload);
    }

    public static ObjectNode stockReservationFailed(String orderId, String sku) {
        return EventSender.envelope("StockReservationFailed", 1, orderId, Map.of("reason", "OUT_OF_STOCK",
                "shortages", List.of(Map.of("sku", sku, "requested", 1, "available", 0))));
    }

    public static ObjectNode paymentSucceeded(String orderId, long amountCents) {
        return EventSender.envelope("PaymentSucceeded", 1, orderId, Map.of("chargeId", "ch_test",
                "amountCents", amountCents, "attempts", 1));
    }

    public static ObjectNode paymentFailed(String orderId, String reason) {
        return EventSender.envelope("PaymentFailed", 1, orderId, Map.of("reason", reason, "amountCents", 100,
                "attempts", 1));
    }

    public static ObjectNode customerNotified(String orderId, String kind) {
        return EventSender.envelope("CustomerNotified", 1, orderId, Map.of("kind", kind,
                "recipient", "customer-1", "messageId", "order-" + orderId));
    }

    public static ObjectNode stockLevelsChanged(String sku, long priceCents, int available, int reserved,
                                                long revision) {
        return EventSender.envelope("StockLevelsChanged", 1, null, Map.of("items", List.of(Map.of("sku", sku,
                "priceCents", priceCents, "available", available, "reserved", reserved, "revision", revision))));
    }
}
