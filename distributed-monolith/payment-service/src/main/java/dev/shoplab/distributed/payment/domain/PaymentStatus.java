package dev.shoplab.distributed.payment.domain;

/**
 * Where a payment stands: PENDING while the PSP is asked, then CAPTURED, DECLINED (a business answer)
 * or FAILED (no verdict: the PSP failed or did not answer); a captured payment may end REFUNDED.
 */
public enum PaymentStatus {
    PENDING,
    CAPTURED,
    DECLINED,
    FAILED,
    REFUNDED
}
