package dev.shoplab.monolith.payment.api;

/** The outcome of a charge as far as the shop can know it. */
public enum PaymentStatus {
    /** The money is taken. */
    CAPTURED,
    /** The PSP refused the payment (a business outcome). */
    DECLINED,
    /** The PSP took no money: it could not be reached, or it answered and holds no charge. */
    NOT_CHARGED,
    /** Nobody can tell yet: the charge may still be captured, so it is checked and refunded if it is. */
    UNKNOWN
}
