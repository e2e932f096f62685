package dev.shoplab.distributed.order.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An order priced with the catalogue's prices (as inventory-service reported them): each line at its
 * unit price, the total, and the skus the catalogue does not have (then the order cannot be placed).
 */
public record OrderQuote(List<PricedLine> lines, long totalCents, List<String> unknownSkus) {

    /** A line with the unit price it is sold at. */
    public record PricedLine(String sku, int quantity, long unitPriceCents) {

        public long totalCents() {
            return Math.multiplyExact(unitPriceCents, (long) quantity);
        }
    }

    public static OrderQuote price(List<PlaceOrder.Line> lines, Map<String, Long> priceBySku) {
        List<PricedLine> priced = new ArrayList<>(lines.size());
        Set<String> unknown = new LinkedHashSet<>();
        long total = 0;
        for (PlaceOrder.Line line : lines) {
            Long price = priceBySku.get(line.sku());
            if (price == null) {
                unknown.add(line.sku());
                continue;
            }
            PricedLine pricedLine = new PricedLine(line.sku(), line.quantity(), price);
            priced.add(pricedLine);
            total = Math.addExact(total, pricedLine.totalCents());
        }
        return new OrderQuote(List.copyOf(priced), total, List.copyOf(unknown));
    }
}
