package dev.shoplab.eventdriven.order.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.eventdriven.messaging.Topics;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** A one-line, human-readable summary of a saga event for the order's timeline, and who published it. */
public final class TimelineDetails {

    private static final int MAX = 1000;

    private TimelineDetails() {
    }

    /** The service that publishes to {@code topic}. */
    public static String serviceOf(String topic) {
        return switch (topic) {
            case Topics.ORDERS -> "order-service";
            case Topics.INVENTORY, Topics.CATALOGUE -> "inventory-service";
            case Topics.PAYMENTS -> "payment-service";
            case Topics.NOTIFICATIONS -> "notification-service";
            default -> topic;
        };
    }

    /** What the event says, in a line. */
    public static String describe(String type, JsonNode payload) {
        String line = switch (type) {
            case "OrderPlaced" -> lines(payload) + ", " + payload.path("totalCents").asLong() + " cents";
            case "StockReserved" -> "reserved " + lines(payload);
            case "StockCommitted" -> "sold " + lines(payload);
            case "StockReleased" -> "released " + lines(payload) + " because " + payload.path("cause").asText();
            case "StockReservationFailed", "OrderRejected", "OrderFailed" -> reason(payload);
            case "PaymentSucceeded" -> "captured " + payload.path("amountCents").asLong() + " cents, charge "
                    + payload.path("chargeId").asText() + ", " + payload.path("attempts").asInt() + " attempt(s)";
            case "PaymentFailed" -> reason(payload) + " after " + payload.path("attempts").asInt() + " attempt(s)";
            case "PaymentRefunded" -> "refunded " + payload.path("amountCents").asLong() + " cents of charge "
                    + payload.path("chargeId").asText() + " (a capture that came after giving up)";
            case "CustomerNotified" -> payload.path("kind").asText() + " sent to " + payload.path("recipient").asText();
            case "OrderConfirmed" -> payload.path("totalCents").asLong() + " cents";
            default -> null;
        };
        return line == null || line.length() <= MAX ? line : line.substring(0, MAX - 1) + "…";
    }

    private static String reason(JsonNode payload) {
        String reason = payload.path("reason").asText();
        String detail = payload.path("detail").asText("");
        return detail.isEmpty() ? reason : reason + ": " + detail;
    }

    private static String lines(JsonNode payload) {
        return StreamSupport.stream(payload.path("lines").spliterator(), false)
                .map(l -> l.path("quantity").asInt() + " × " + l.path("sku").asText())
                .collect(Collectors.joining(", "));
    }
}
