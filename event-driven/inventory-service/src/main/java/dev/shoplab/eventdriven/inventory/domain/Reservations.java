package dev.shoplab.eventdriven.inventory.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides whether an order's lines can be held: all of them or none. Lines of the same sku are added up
 * first; a sku the catalogue does not know has nothing available.
 */
public final class Reservations {

    /** One line as the order asked for it. */
    public record Line(String sku, int quantity) {
    }

    /** A sku that has fewer units available than the order asked for. */
    public record Shortage(String sku, int requested, int available) {
    }

    /** The decision: reserve these quantities, or refuse because of these shortages. */
    public record Decision(SortedMap<String, Integer> quantities, List<Shortage> shortages) {

        public boolean reservable() {
            return shortages.isEmpty();
        }
    }

    private Reservations() {
    }

    /** The quantity wanted per sku, in sku order (the order in which rows are locked, so no two orders deadlock). */
    public static SortedMap<String, Integer> quantitiesBySku(List<Line> lines) {
        SortedMap<String, Integer> quantities = new TreeMap<>();
        for (Line line : lines) {
            if (line.quantity() <= 0) {
                throw new IllegalArgumentException("quantity of " + line.sku() + " must be positive, got "
                        + line.quantity());
            }
            quantities.merge(line.sku(), line.quantity(), Integer::sum);
        }
        return quantities;
    }

    /** Reserve everything, or nothing and say what is short. */
    public static Decision decide(List<Line> lines, Map<String, StockLevel> stock) {
        SortedMap<String, Integer> quantities = quantitiesBySku(lines);
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
}
