package dev.shoplab.monolith.order.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An order request priced against the catalogue: each line at the sku's current price, the total
 * as the exact sum of the lines, the skus the catalogue does not have, and the skus that (as far
 * as this read can tell) lack the units, all lines of one sku counted together.
 */
public record OrderQuote(List<PricedLine> lines, long totalCents, List<String> unknownSkus, List<String> shortSkus) {

    /** What the catalogue says of one sku at the time of the quote. */
    public record CatalogueEntry(String sku, long priceCents, int available) {
    }

    /** One requested line with its unit price. */
    public record PricedLine(String sku, int quantity, long unitPriceCents) {

        public long totalCents() {
            return Math.multiplyExact(unitPriceCents, quantity);
        }
    }

    public OrderQuote {
        lines = List.copyOf(lines);
        unknownSkus = List.copyOf(unknownSkus);
        shortSkus = List.copyOf(shortSkus);
    }

    public static OrderQuote price(List<PlaceOrder.Line> requested, Map<String, CatalogueEntry> catalogue) {
        List<PricedLine> lines = new ArrayList<>(requested.size());
        Set<String> unknown = new LinkedHashSet<>();
        Map<String, Integer> demanded = new LinkedHashMap<>();
        long total = 0;
        for (PlaceOrder.Line line : requested) {
            CatalogueEntry entry = catalogue.get(line.sku());
            if (entry == null) {
                unknown.add(line.sku());
                continue;
            }
            PricedLine priced = new PricedLine(line.sku(), line.quantity(), entry.priceCents());
            lines.add(priced);
            total = Math.addExact(total, priced.totalCents());
            demanded.merge(line.sku(), line.quantity(), Math::addExact);
        }
        List<String> shortSkus = demanded.entrySet().stream()
                .filter(e -> e.getValue() > catalogue.get(e.getKey()).available())
                .map(Map.Entry::getKey)
                .toList();
        return new OrderQuote(lines, total, List.copyOf(unknown), shortSkus);
    }
}
