package dev.shoplab.monolith.inventory.api;

import java.util.List;

/** A reservation failed: these skus lack the units demanded. Nothing was reserved once the transaction rolls back. */
public class OutOfStock extends RuntimeException {

    private final List<String> skus;

    public OutOfStock(List<String> skus) {
        super("not enough stock of " + String.join(", ", skus), null, false, false);
        this.skus = List.copyOf(skus);
    }

    public List<String> skus() {
        return skus;
    }
}
