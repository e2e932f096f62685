package dev.shoplab.eventdriven.payment.domain;

/**
 * What one charge attempt at the PSP tells us. The key distinction is between a request that certainly
 * moved no money (refused connection, 503: retry freely) and one whose outcome is unknown (the answer was
 * lost: the charge may have been captured). Retries carry the same idempotency key, so neither kind can
 * charge twice; but giving up after an unknown outcome obliges us to look for a late capture and refund it.
 */
public enum WhatThePspAnswerMeans {
    /** The PSP captured the amount. */
    CAPTURED,
    /** The PSP declined (402), or refused the request as invalid (400, 422): a business outcome. */
    DECLINED,
    /** Certainly nothing happened: retry. */
    NOT_PROCESSED,
    /** Something may have happened: retry with the same key, and reconcile if we give up. */
    OUTCOME_UNKNOWN;

    /** The verdict of an HTTP answer; {@code chargeStatus} is the body's {@code status} (may be null). */
    public static WhatThePspAnswerMeans ofAnswer(int httpStatus, String chargeStatus) {
        if ((httpStatus == 200 || httpStatus == 201) && "captured".equals(chargeStatus)) {
            return CAPTURED;
        }
        if (httpStatus == 402 || httpStatus == 400 || httpStatus == 422) {
            return DECLINED;
        }
        if (httpStatus == 503 || httpStatus == 429) {
            return NOT_PROCESSED;
        }
        return OUTCOME_UNKNOWN;
    }

    /** The verdict when no answer came: nothing happened if the connection was never made. */
    public static WhatThePspAnswerMeans ofNoAnswer(boolean connected) {
        return connected ? OUTCOME_UNKNOWN : NOT_PROCESSED;
    }

    /** True if the attempt settled the payment one way or the other. */
    public boolean settles() {
        return this == CAPTURED || this == DECLINED;
    }
}
