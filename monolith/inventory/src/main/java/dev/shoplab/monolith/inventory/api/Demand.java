package dev.shoplab.monolith.inventory.api;

/** Units of one sku an order needs. */
public record Demand(String sku, int quantity) {

    public Demand {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("a demand needs a sku");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("a demand needs a positive quantity, not " + quantity);
        }
    }
}
