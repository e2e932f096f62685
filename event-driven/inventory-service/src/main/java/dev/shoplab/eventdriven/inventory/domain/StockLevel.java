package dev.shoplab.eventdriven.inventory.domain;

/**
 * The stock of one sku: units {@code available} to new orders, units {@code reserved} for orders whose
 * saga is still running, and units {@code sold} to confirmed orders. Every move keeps all three at or
 * above zero and conserves units: reserve moves available to reserved, sell moves reserved to sold,
 * release moves reserved back to available.
 */
public record StockLevel(int available, int reserved, int sold) {

    public StockLevel {
        StockMustNotGoNegative.check(available, reserved, sold);
    }

    /** Holds {@code quantity} units for an order. */
    public StockLevel reserve(int quantity) {
        requirePositive(quantity);
        return new StockLevel(available - quantity, reserved + quantity, sold);
    }

    /** Turns {@code quantity} held units into a sale (the order was confirmed). */
    public StockLevel sell(int quantity) {
        requirePositive(quantity);
        return new StockLevel(available, reserved - quantity, sold + quantity);
    }

    /** Gives {@code quantity} held units back (compensation: the order was rejected or failed). */
    public StockLevel release(int quantity) {
        requirePositive(quantity);
        return new StockLevel(available + quantity, reserved - quantity, sold);
    }

    /** The same stock with a new number of available units (a catalogue seed); holds and sales stay. */
    public StockLevel restock(int newAvailable) {
        return new StockLevel(newAvailable, reserved, sold);
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a stock move needs a positive quantity, got " + quantity);
        }
    }
}
