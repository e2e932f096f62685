package dev.shoplab.distributed.inventory.domain;

/** Units of one sku that an order asks for. */
public record Demand(String sku, int quantity) {

    public Demand {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity of " + sku + " must be positive, not " + quantity);
        }
    }
}
