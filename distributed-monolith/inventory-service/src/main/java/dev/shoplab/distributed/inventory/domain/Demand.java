package dev.shoplab.distributed.inventory.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Units of one sku that an order asks for. */
public record Demand(String sku, int quantity) {

    public Demand {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity of " + sku + " must be positive, not " + quantity);
        }
    }

    /**
     * The demands of an order with every sku once (two lines of one sku count together), sorted by sku:
     * rows are always locked in that order, so that two reservations never wait for each other.
     */
    public static List<Demand> combined(List<Demand> lines) {
        Map<String, Integer> bySku = new TreeMap<>();
        lines.forEach(line -> bySku.merge(line.sku(), line.quantity(), Integer::sum));
        return bySku.entrySet().stream().map(e -> new Demand(e.getKey(), e.getValue())).toList();
    }
}
