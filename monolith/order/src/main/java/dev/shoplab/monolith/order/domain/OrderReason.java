package dev.shoplab.monolith.order.domain;

/** Why an order was not confirmed. */
public enum OrderReason {
    /** REJECTED: a sku lacked the units. */
    OUT_OF_STOCK,
    /** REJECTED: the PSP declined the payment. */
    PAYMENT_DECLINED,
    /** FAILED: the PSP could not be reached or gave no answer; no money is kept. */
    PAYMENT_UNAVAILABLE
}
