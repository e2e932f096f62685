package dev.shoplab.eventdriven.order.domain;

import java.util.List;

/**
 * Prices an order at the edge, with the catalogue prices its stock view knows: quantity times unit price,
 * summed. Unlike the monolith's quote it does not say which skus are short: whether the units are there is
 * inventory's decision, later in the saga.
 */
public final class OrderQuote {

    /** A line with its unit price. */
    public record PricedLine(String sku, int quantity, long unitPriceCents) {

        public long amountCents() {
            return Math.multiplyExact(unitPriceCents, (long) quantity);
        }
    }

    private OrderQuote() {
    }

    /** The total of the lines, in cents. */
    public static long totalCents(List<PricedLine> lines) {
        return lines.stream().mapToLong(PricedLine::amountCents).reduce(0, Math::addExact);
    }
}
