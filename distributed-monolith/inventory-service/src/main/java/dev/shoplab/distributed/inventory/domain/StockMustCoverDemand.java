package dev.shoplab.distributed.inventory.domain;

import java.util.List;
import java.util.Map;

/**
 * A reservation takes units only if every sku has them all: one short sku and nothing is taken, so
 * available stock never goes below zero.
 */
public final class StockMustCoverDemand {

    /** A sku that lacks units: how many are available and how many were asked for. */
    public record Shortfall(String sku, int available, int asked) {

        @Override
        public String toString() {
            return sku + " (" + available + " available, " + asked + " asked)";
        }
    }

    private StockMustCoverDemand() {
    }

    /** The skus whose available units do not cover the demand; empty when the reservation may go ahead. */
    public static List<Shortfall> shortfalls(Map<String, Integer> available, List<Demand> demands) {
        return demands.stream()
                .filter(d -> available.getOrDefault(d.sku(), 0) < d.quantity())
                .map(d -> new Shortfall(d.sku(), available.getOrDefault(d.sku(), 0), d.quantity()))
                .toList();
    }
}
