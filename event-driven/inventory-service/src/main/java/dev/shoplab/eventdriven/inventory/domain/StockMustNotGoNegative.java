package dev.shoplab.eventdriven.inventory.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The rule every reservation obeys: units leave the available stock only when that many are there, so stock
 * never goes below zero however many orders race for it. The saga decides in Java, on the locked rows: all of
 * an order's demands are held, or none (a sku the catalogue does not know has nothing available). Every move
 * of a {@link StockLevel} is checked against it too. (The other two apply it with one conditional SQL update
 * per sku.)
 */
public final class StockMustNotGoNegative {

    /** A sku that has fewer units available than the order asked for. */
    public record Shortage(String sku, int requested, int available) {
    }

    /** The decision: reserve these quantities (in lock order), or refuse because of these shortages. */
    public record Decision(SortedMap<String, Integer> quantities, List<Shortage> shortages) {

        public boolean reservable() {
            return shortages.isEmpty();
        }
    }

    /** Thrown when a stock move would take a count below zero: overselling is a bug, not a business outcome. */
    public static final class Broken extends IllegalStateException {

        Broken(String message) {
            super(message);
        }
    }

    private StockMustNotGoNegative() {
    }

    /** Reserve everything, or nothing and say what is short. */
    public static Decision decide(List<Demand> demands, Map<String, StockLevel> stock) {
        SortedMap<String, Integer> quantities = DemandsInLockOrder.of(demands);
        List<Shortage> shortages = new ArrayList<>();
        quantities.forEach((sku, wanted) -> {
            StockLevel level = stock.get(sku);
            int available = level == null ? 0 : level.available();
            if (available < wanted) {
                shortages.add(new Shortage(sku, wanted, available));
            }
        });
        return new Decision(quantities, List.copyOf(shortages));
    }

    static void check(int available, int reserved, int sold) {
        if (available < 0 || reserved < 0 || sold < 0) {
            throw new Broken("stock must not go negative: available " + available + ", reserved " + reserved
                    + ", sold " + sold);
        }
    }
}
