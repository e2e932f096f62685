package dev.shoplab.distributed.inventory.web;

import dev.shoplab.distributed.inventory.persistence.StockRow;

/** A sku as the API shows it: price, units available, units held by reservations. */
public record StockView(String sku, long priceCents, int available, int reserved) {

    static StockView of(StockRow row) {
        return new StockView(row.sku, row.priceCents, row.available, row.reserved);
    }
}
