package dev.shoplab.monolith.order.application;

import java.util.List;

/** An order names skus that the catalogue does not have; nothing was written. */
public class UnknownSkus extends RuntimeException {

    private final List<String> skus;

    public UnknownSkus(List<String> skus) {
        super("unknown sku " + String.join(", ", skus), null, false, false);
        this.skus = List.copyOf(skus);
    }

    public List<String> skus() {
        return skus;
    }
}
