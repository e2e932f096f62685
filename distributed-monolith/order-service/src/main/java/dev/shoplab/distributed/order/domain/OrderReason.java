package dev.shoplab.distributed.order.domain;

/** Why an order was not confirmed: at which call of the chain it stopped. */
public enum OrderReason {
    /** REJECTED: inventory-service had not enough units. */
    OUT_OF_STOCK,
    /** REJECTED: the PSP declined the payment. */
    PAYMENT_DECLINED,
    /** FAILED: the reservation call to inventory-service failed. */
    INVENTORY_UNAVAILABLE,
    /** FAILED: the charge call to payment-service failed (it, or the PSP behind it). */
    PAYMENT_UNAVAILABLE,
    /** FAILED: the payment went through but inventory-service did not confirm the reservation. */
    CONFIRMATION_FAILED
}
