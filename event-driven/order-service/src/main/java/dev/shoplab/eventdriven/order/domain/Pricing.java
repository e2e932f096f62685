package dev.shoplab.eventdriven.order.domain;

import java.util.List;

/** Prices an order at the edge, with the catalogue prices it knows: quantity times unit price, summed. */
public final class Pricing {

    /** A line with its unit price. */
    public record PricedLine(String sku, int quantity, long unitPriceCents) {

        public long amountCents() {
            return Math.multiplyExact(unitPriceCents, (long) quantity);
        }
    }

    private Pricing() {
    }

    /** The total of the lines, in cents. */
    public static long totalCents(List<PricedLine> lines) {
        return lines.stream().mapToLong(PricedLine::amountCents).reduce(0, Math::addExact);
    }
}
