package dev.shoplab.monolith.inventory.domain;

import dev.shoplab.monolith.inventory.api.Demand;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule every reservation obeys: units leave the available stock only when that many are
 * there, so stock never goes below zero however many orders race for it. The database applies it
 * atomically, one conditional update per sku that takes a row only if {@code available >= quantity};
 * this class reads the verdict: a sku whose update took no row is short.
 */
public final class StockMustNotGoNegative {

    private StockMustNotGoNegative() {
    }

    /** The skus whose conditional update took no row; {@code rowsTaken[i]} answers {@code demands.get(i)}. */
    public static List<String> shortSkus(List<Demand> demands, int[] rowsTaken) {
        if (rowsTaken.length != demands.size()) {
            throw new IllegalArgumentException(rowsTaken.length + " update counts for " + demands.size() + " demands");
        }
        List<String> shortSkus = new ArrayList<>();
        for (int i = 0; i < rowsTaken.length; i++) {
            if (rowsTaken[i] == 0) {
                shortSkus.add(demands.get(i).sku());
            }
        }
        return shortSkus;
    }

    /** The stock left after taking {@code quantity}; refuses to go below zero. */
    public static int availableAfter(int available, int quantity) {
        if (quantity > available) {
            throw new IllegalStateException("taking " + quantity + " of " + available + " would leave negative stock");
        }
        return available - quantity;
    }
}
