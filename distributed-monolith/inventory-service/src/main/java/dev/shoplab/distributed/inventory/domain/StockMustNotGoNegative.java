package dev.shoplab.distributed.inventory.domain;

import java.util.List;
import java.util.Map;

/**
 * The rule every reservation obeys: units leave the available stock only when that many are there, so
 * stock never goes below zero however many orders race for it. A reservation takes units only if every sku
 * has them all: one short sku and nothing is taken. inventory-service applies it with one conditional update
 * per sku under row locks; this class names the skus that lack units.
 */
public final class StockMustNotGoNegative {

    /** A sku that lacks units: how many are available and how many were asked for. */
    public record Shortfall(String sku, int available, int asked) {

        @Override
        public String toString() {
            return sku + " (" + available + " available, " + asked + " asked)";
        }
    }

    private StockMustNotGoNegative() {
    }

    /** The skus whose available units do not cover the demand; empty when the reservation may go ahead. */
    public static List<Shortfall> shortfalls(Map<String, Integer> available, List<Demand> demands) {
        return demands.stream()
                .filter(d -> available.getOrDefault(d.sku(), 0) < d.quantity())
                .map(d -> new Shortfall(d.sku(), available.getOrDefault(d.sku(), 0), d.quantity()))
                .toList();
    }
}
