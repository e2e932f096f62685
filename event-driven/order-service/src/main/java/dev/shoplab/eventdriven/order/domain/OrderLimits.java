package dev.shoplab.eventdriven.order.domain;

/** The limits of an order at the edge (DESIGN.md): what a request may contain before it is refused. */
public final class OrderLimits {

    /** Most lines in one order. */
    public static final int MAX_LINES = 50;
    /** Largest quantity of one line. */
    public static final int MAX_QUANTITY = 100;
    /** Longest customer id. */
    public static final int MAX_CUSTOMER_ID = 100;
    /** Longest payment token. */
    public static final int MAX_PAYMENT_TOKEN = 100;
    /** Longest sku. */
    public static final int MAX_SKU = 64;
    /** Longest Idempotency-Key. */
    public static final int MAX_IDEMPOTENCY_KEY = 200;
    /** Largest request body of the public API; a 50-line order is far below it. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private OrderLimits() {
    }
}
