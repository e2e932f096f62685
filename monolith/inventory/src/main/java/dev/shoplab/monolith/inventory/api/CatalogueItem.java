package dev.shoplab.monolith.inventory.api;

/** One sku as the catalogue seed sets it: its price and the units available. */
public record CatalogueItem(String sku, long priceCents, int available) {
}
