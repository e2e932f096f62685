package dev.shoplab.distributed.inventory.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Demands merged per sku (two lines of one sku are one demand) and sorted by sku: every transaction locks
 * stock rows in that one order, so two reservations never wait for each other in a cycle (no deadlock),
 * however their lines are ordered.
 */
public final class DemandsInLockOrder {

    private DemandsInLockOrder() {
    }

    public static List<Demand> of(List<Demand> demands) {
        Map<String, Integer> merged = new TreeMap<>();
        for (Demand demand : demands) {
            merged.merge(demand.sku(), demand.quantity(), Math::addExact);
        }
        return merged.entrySet().stream().map(e -> new Demand(e.getKey(), e.getValue())).toList();
    }
}
