package dev.shoplab.monolith.inventory.api;

/** What the shop has of one sku: its price, the units that can be sold, the units held for orders in flight. */
public record StockLevel(String sku, long priceCents, int available, int reserved) {
}
