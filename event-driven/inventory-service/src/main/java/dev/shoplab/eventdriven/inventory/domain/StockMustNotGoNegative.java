package dev.shoplab.eventdriven.inventory.domain;

/** The rule that no stock count ever goes below zero: overselling is a bug, not a business outcome. */
public final class StockMustNotGoNegative extends IllegalStateException {

    private StockMustNotGoNegative(String message) {
        super(message);
    }

    static void check(int available, int reserved, int sold) {
        if (available < 0 || reserved < 0 || sold < 0) {
            throw new StockMustNotGoNegative("stock must not go negative: available " + available + ", reserved "
                    + reserved + ", sold " + sold);
        }
    }
}
