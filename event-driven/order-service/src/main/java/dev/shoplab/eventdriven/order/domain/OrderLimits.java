package dev.shoplab.eventdriven.order.domain;

/** The limits of an order request, enforced at the edge and stated in its error messages. */
public final class OrderLimits {

    /** Most lines in one order. */
    public static final int MAX_LINES = 50;
    /** Most units in one line. */
    public static final int MAX_QUANTITY = 100;
    /** Longest customer id. */
    public static final int MAX_CUSTOMER_ID_LENGTH = 100;
    /** Longest sku. */
    public static final int MAX_SKU_LENGTH = 32;
    /** Longest payment token. */
    public static final int MAX_PAYMENT_TOKEN_LENGTH = 100;
    /** Longest {@code Idempotency-Key}. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private OrderLimits() {
    }
}
