package dev.shoplab.eventdriven.inventory.domain;

/** Units of one sku that an order asks for, as its OrderPlaced event lists them. */
public record Demand(String sku, int quantity) {
}
