package dev.shoplab.eventdriven.inventory.domain;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Demands merged per sku (two lines of one sku are one demand) and sorted by sku: every transaction locks
 * stock rows in that one order, so two orders never wait for each other in a cycle (no deadlock), however
 * their lines are ordered.
 */
public final class DemandsInLockOrder {

    private DemandsInLockOrder() {
    }

    /**
     * The quantity wanted per sku, in sku order.
     *
     * @throws IllegalArgumentException when a demand's quantity is not positive
     */
    public static SortedMap<String, Integer> of(List<Demand> demands) {
        SortedMap<String, Integer> merged = new TreeMap<>();
        for (Demand demand : demands) {
            if (demand.quantity() <= 0) {
                throw new IllegalArgumentException("quantity of " + demand.sku() + " must be positive, got "
                        + demand.quantity());
            }
            merged.merge(demand.sku(), demand.quantity(), Math::addExact);
        }
        return merged;
    }
}
